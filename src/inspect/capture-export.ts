import { toRequestFile } from "../primitives/request-file.js";
import type { CaptureEntry } from "./capture-entry.js";
import { capturesToHar } from "./har-export.js";

export type ExportFormat = "request" | "har";

export interface ExportFile {
  name: string;
  type: string;
  text: string;
}

/**
 * Captures as a file to download: one request file (`whk verify`, `whk send --save`'s format), NDJSON of
 * request files for several, or a HAR log. Only the request: no verdict, no secret.
 */
export function exportCaptures(entries: readonly CaptureEntry[], format: ExportFormat): ExportFile {
  const stem = entries.length === 1 ? (entries[0] as CaptureEntry).id.replace(/\.json$/, "") : `whk-captures-${entries.length}`;
  if (format === "har") return { name: `${stem}.har`, type: "application/json", text: `${JSON.stringify(capturesToHar(entries), null, 2)}\n` };
  if (entries.length === 1) return { name: `${stem}.json`, type: "application/json", text: `${JSON.stringify(toRequestFile((entries[0] as CaptureEntry).request), null, 2)}\n` };
  return { name: `${stem}.ndjson`, type: "application/x-ndjson", text: entries.map((entry) => `${JSON.stringify(toRequestFile(entry.request))}\n`).join("") };
}
