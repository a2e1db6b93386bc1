import { accessSync, constants, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { WhkInputError } from "./errors.js";

/**
 * Writes a whole file the user named. A regular file (or a new one) is written whole or not at all: a
 * temporary file beside it, then a rename; through a symbolic link, the file it points to is the one
 * replaced, and the link stays. Anything else (`/dev/stdout`, `/dev/null`, a FIFO) is written through,
 * in place: renaming over it would replace a device with a file, which root is allowed to do. The
 * temporary name starts with a dot, so `whk verify <dir>` (which skips dotfiles) never takes it for a request.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, what: string): void {
  const target = statSync(path, { throwIfNoEntry: false });
  if (target?.isDirectory()) throw new WhkInputError("is-directory", `${what} ${path} is a directory`, "name a file to write");
  if ((target !== undefined && !target.isFile()) || (target === undefined && isSymlink(path))) {
    // A device, a FIFO, a socket, or a link to a file yet to exist: written through the name given.
    try {
      writeFileSync(path, data);
    } catch (error) {
      throw unwritable(path, what, error);
    }
    return;
  }
  const real = target !== undefined && isSymlink(path) ? realpathSync(path) : path;
  const temporary = join(dirname(real), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.whk-tmp`);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    renameSync(temporary, real);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritable(path, what, error);
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

function isSymlink(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true;
}

function unwritable(path: string, what: string, error: unknown): WhkInputError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  return new WhkInputError("unwritable-file", `${what} ${path} cannot be written (${code})`, "check that its directory exists and is writable");
}
