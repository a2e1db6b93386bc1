import { mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { WhkInputError } from "../../../primitives/errors.js";
import { probeRecord } from "../../../probe/probe-record.js";
import type { ProbeDelivery } from "../../../probe/run-probe.js";
import { writeFileAtomic } from "../../../primitives/write-file-atomic.js";

/**
 * `probe --save <dir>`: a new or empty directory, checked before anything is sent (a bad path is exit 2
 * with nothing on the wire), so an earlier save is never written over.
 */
export function checkSaveDirectory(directory: string): void {
  if (directory.trim() === "") throw new WhkInputError("bad-save", "--save needs a directory", "e.g. --save probe-requests/");
  const stats = statSync(directory, { throwIfNoEntry: false });
  if (stats !== undefined && !stats.isDirectory()) throw new WhkInputError("bad-save", `--save ${directory} is a file, not a directory`, "name a new directory: probe writes one file per request");
  if (stats !== undefined && readdirSync(directory).length > 0) throw new WhkInputError("bad-save", `--save ${directory} is not empty`, "name a new directory, so an earlier save is never written over");
}

/** Creates the checked directory, once the target is known to answer. */
export function createSaveDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new WhkInputError("bad-save", `--save ${directory}: cannot create the directory (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check the path and its permissions");
  }
}

/**
 * Writes each delivery as it comes back, `NNN-<check>.json` in send order (a mistake re-sent to find why
 * a genuine delivery was rejected ends `-mistake-<cause>`): the request file format plus the check and
 * the answer, so `whk verify <dir>` re-checks every one. Never the secret.
 */
export function probeSaver(directory: string, secret: string | undefined): (delivery: ProbeDelivery) => void {
  let seq = 0;
  return (delivery) => {
    seq++;
    const check = delivery.probe.id.replace(/[^A-Za-z0-9._-]+/g, "-");
    const name = `${String(seq).padStart(3, "0")}-${check}${delivery.mistake !== undefined ? `-mistake-${delivery.mistake.cause}` : ""}.json`;
    writeFileAtomic(join(directory, name), `${JSON.stringify(probeRecord(delivery, secret), null, 2)}\n`, "--save");
  };
}
