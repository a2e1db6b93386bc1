import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { WhkInputError } from "../../primitives/errors.js";

/**
 * Writes a whole file or nothing: a temporary file beside it, then a rename. The temporary name starts
 * with a dot, so a reader of the directory (`whk verify <dir>` skips dotfiles) never takes it for a request.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, what: string): void {
  const temporary = join(dirname(path), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.whk-tmp`);
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
