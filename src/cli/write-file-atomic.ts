import { renameSync, rmSync, writeFileSync } from "node:fs";
import { WhkInputError } from "../core/errors.js";

/** Writes a whole file or nothing: a temporary file beside it, then a rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array, what: string): void {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new WhkInputError("unwritable-file", `${what} ${path} cannot be written (${code})`, "check that its directory exists and is writable");
  }
}
