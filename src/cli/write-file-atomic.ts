import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
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

/** Throws an input error unless `path` could be written: its directory exists and is writable, and it is no directory itself. */
export function assertWritableDirectoryOf(path: string, what: string): void {
  const directory = dirname(path);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new WhkInputError("is-directory", `${what} ${path} is a directory`, "name a file to write");
    accessSync(directory, constants.W_OK);
  } catch (error) {
    if (error instanceof WhkInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new WhkInputError("unwritable-file", `${what} ${path} cannot be written: ${code === "ENOENT" ? `the directory ${directory} does not exist` : code}`, "create the directory first, or choose another path");
  }
}
