import { accessSync, closeSync, constants, linkSync, lstatSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { WhkInputError } from "./errors.js";

/**
 * Writes a whole file the user named. A regular file (or a new one) is written whole or not at all: a
 * temporary file beside it, then a rename. Anything else is written through, in place: a symbolic link
 * (`/dev/stdout` is one, to wherever the shell sent the output: renaming over its target would leave
 * the shell's redirect writing to a file nobody can see), a device (`/dev/null`), a FIFO. Renaming over
 * those would replace them with a file, which root is allowed to do.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, what: string): void {
  const stream = standardStream(path);
  if (stream !== undefined) {
    stream.write(data);
    return;
  }
  const target = statSync(path, { throwIfNoEntry: false });
  if (target?.isDirectory()) throw new WhkInputError("is-directory", `${what} ${path} is a directory`, "name a file to write");
  if (isSymlink(path) || (target !== undefined && !target.isFile())) {
    try {
      writeFileSync(path, data);
    } catch (error) {
      throw unwritable(path, what, error);
    }
    return;
  }
  const temporary = temporaryBeside(path);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw unwritable(path, what, error);
  }
}

/**
 * Writes a new file whole or not at all, and never over one that is there: a temporary file beside it,
 * then a hard link to the name (which, unlike a rename, fails when the name is taken). Returns false
 * when it is, for the caller to choose another name.
 */
export function writeNewFileAtomic(path: string, data: string | Uint8Array, what: string): boolean {
  const temporary = temporaryBeside(path);
  try {
    writeFileSync(temporary, data, { flag: "wx" });
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw unwritable(path, what, error);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Lines appended to an output the user named, each in one write. */
export interface Output {
  write(text: string): void;
  /** Closes it; a file this created and nothing was written to is removed again. */
  close(): void;
}

/**
 * Opens an output the user named for a stream of lines, never replacing a file. A new file is created;
 * a regular file that is there already (an earlier run's output) is refused; a symbolic link, device or
 * FIFO is written through, appending; `/dev/stdout` and `/dev/stderr` are the process's own streams.
 */
export function openNewOutput(path: string, what: string, existsHint: string): Output {
  const stream = standardStream(path);
  if (stream !== undefined) return { write: (text) => void stream.write(text), close: () => undefined };
  const found = lstatSync(path, { throwIfNoEntry: false });
  if (found?.isDirectory()) throw new WhkInputError("is-directory", `${what} ${path} is a directory`, "name a file to write");
  if (found?.isFile()) throw new WhkInputError("output-exists", `${what} ${path} already exists, and whk never writes over an earlier file`, existsHint);
  let fd: number;
  try {
    fd = openSync(path, found === undefined ? "wx" : "a");
  } catch (error) {
    throw unwritable(path, what, error);
  }
  let written = false;
  return {
    write(text) {
      writeSync(fd, text);
      written = true;
    },
    close() {
      closeSync(fd);
      if (!written && found === undefined) rmSync(path, { force: true });
    },
  };
}

/** Throws an input error unless a file could be created in `directory`: found by creating (and removing) one, since root passes every permission check. */
export function assertWritableDirectory(directory: string, what: string): void {
  const probe = temporaryBeside(join(directory, "probe"));
  try {
    closeSync(openSync(probe, "wx"));
    rmSync(probe, { force: true });
  } catch (error) {
    throw unwritable(directory, what, error);
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

/** A temporary name in the same directory (so a rename or link stays on one file system), starting with a dot: `whk verify <dir>` skips dotfiles. */
function temporaryBeside(path: string): string {
  return join(dirname(path), `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.whk-tmp`);
}

/**
 * The process's own stream for `/dev/stdout` and `/dev/stderr` (and their /dev/fd and /proc/self/fd
 * spellings): opening the name again would fail on a socket, and on a file would write at offset 0,
 * over what the process writes through the stream itself.
 */
function standardStream(path: string): NodeJS.WriteStream | undefined {
  const fd = /^\/dev\/std(out|err)$/.exec(path)?.[1] ?? /^\/(?:dev|proc\/self)\/fd\/([12])$/.exec(path)?.[1];
  return fd === "out" || fd === "1" ? process.stdout : fd === "err" || fd === "2" ? process.stderr : undefined;
}

function isSymlink(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true;
}

function unwritable(path: string, what: string, error: unknown): WhkInputError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  return new WhkInputError("unwritable-file", `${what} ${path} cannot be written (${code})`, "check that its directory exists and is writable");
}
