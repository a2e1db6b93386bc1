import { relativeUrl } from "../primitives/url-parts.js";
import { utf8OrUndefined } from "../primitives/request-file.js";
import { detectProvider } from "../verify/detect-provider.js";
import type { VerifyResult } from "../verify/verify-request.js";
import type { CaptureEntry } from "./capture-entry.js";
import type { ShownVerdict } from "./judge-capture.js";

export type VerdictKind = "valid" | "invalid" | "unsigned" | "unchecked";

/** One row of the page's list: what `whk listen` prints per request, plus the text the search box looks in. */
export interface CaptureSummary {
  id: string;
  receivedAt: string | null;
  method: string;
  path: string;
  provider: string | null;
  verdict: VerdictKind;
  reason: string | null;
  size: number;
  answered: number | null;
  /** Lower-cased path, provider, reason, header lines and the start of the body. */
  search: string;
}

/** How much of a body the search box looks in: enough for ids and references, cheap for thousands of rows. */
const SEARCHED_BODY_CHARS = 4096;

export function verdictKind(verdict: VerifyResult | null): VerdictKind {
  if (verdict === null) return "unchecked";
  if (verdict.reason === "unsigned-provider") return "unsigned";
  return verdict.ok ? "valid" : "invalid";
}

/** The provider a capture is shown under: the verdict's, else the listener's guess, else detection now. */
export function providerOf(entry: CaptureEntry, verdict: VerifyResult | null): string | null {
  return verdict?.provider ?? entry.detectedProvider ?? detectProvider(entry.request)?.provider ?? null;
}

export function summaryOf(entry: CaptureEntry, shown: ShownVerdict): CaptureSummary {
  const { request } = entry;
  const path = relativeUrl(request.url);
  const provider = providerOf(entry, shown.verdict);
  const headerLines = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
  const body = utf8OrUndefined(request.body)?.slice(0, SEARCHED_BODY_CHARS) ?? "";
  return {
    id: entry.id,
    receivedAt: request.receivedAt ?? null,
    method: request.method,
    path,
    provider,
    verdict: verdictKind(shown.verdict),
    reason: shown.verdict?.reason ?? null,
    size: request.body.length,
    answered: entry.answered,
    search: [request.method, path, provider ?? "unknown", shown.verdict?.reason ?? "", ...headerLines, body].join("\n").toLowerCase(),
  };
}
