import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { WhkInputError } from "./errors.js";
import { fileError } from "./file-error.js";
import { formatByteSize } from "./byte-size.js";

/**
 * The most any input may hold: room for a 200 MB body in a request file (267 MB as base64), and a stop
 * for an input that never ends (/dev/zero) within a few seconds.
 */
export const MAX_INPUT_BYTES = 320 * 1024 * 1024;
/** A secret file: a key, not a document. */
export const MAX_SECRET_BYTES = 1024 * 1024;
/** A config file. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

const CHUNK = 1024 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads a file descriptor to its end, at most `limit` bytes, synchronously. A pipe whose writer has not
 * written yet answers EAGAIN: wait a little and read again (`whk show | whk verify -` must not depend on
 * which process starts first). Past the limit, `tooBig` says what to do. `size`, a regular file's
 * size, lets a file be read in one buffer of its own size and one call, with no second read to find
 * its end: `verify` of thousands of small files would otherwise allocate a megabyte twice per file.
 */
function readAll(fd: number, limit: number, tooBig: () => WhkInputError, size = 0): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const room = total === 0 && size > 0 ? size + 1 : CHUNK;
    const buffer = Buffer.allocUnsafe(Math.min(room, limit - total + 1));
    let read: number;
    try {
      read = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === "EOF") break;
      throw error;
    }
    if (read === 0) break;
    total += read;
    if (total > limit) throw tooBig();
    chunks.push(buffer.subarray(0, read));
    // All the file said it holds, and less than asked for: its end (a file still growing fills the buffer, and is read on).
    if (total === size && read < buffer.length) break;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/**
 * Reads a file the user named, turning every failure into one clear input error. `what` names its role
 * ("--data file"), `hint` what to do instead when the default ("check the path") says too little.
 * Devices and FIFOs are read like files, up to `limit` bytes.
 */
export function readUserFile(path: string, what?: string, hint?: string, limit = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw fileError(path, error, what, hint);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const named = what !== undefined ? `${what} ${path}` : path;
    return readAll(fd, limit, () => new WhkInputError("input-too-large", `${named} is larger than ${formatByteSize(limit)}`, "whk reads inputs whole: give it a smaller file"), stats.isFile() ? stats.size : 0);
  } catch (error) {
    if (error instanceof WhkInputError) throw error;
    throw fileError(path, error, what, hint);
  } finally {
    closeSync(fd);
  }
}

/** Room for any request file a batch usually holds, reused from one file to the next. */
const listedRead = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * Reads a file that a directory listing names as a regular file, for a batch of thousands: one read
 * into a reused buffer and no fstat, as a regular file read short has been read to its end (about 4%
 * of `verify` over 10,000 files). One that fills the buffer is read again as `readUserFile` reads any file.
 */
export function readListedFile(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw fileError(path, error);
  }
  let read: number;
  try {
    read = readSync(fd, listedRead, 0, listedRead.length, null);
  } catch (error) {
    throw fileError(path, error);
  } finally {
    closeSync(fd);
  }
  return read < listedRead.length ? Buffer.from(listedRead.subarray(0, read)) : readUserFile(path);
}

/**
 * Reads all of standard input, up to `limit` bytes. An interactive terminal is refused rather than
 * waited on, and a closed or empty stdin reads as nothing. `what` names who reads it, for the error message.
 */
export function readStdin(what: string, limit = MAX_INPUT_BYTES): Buffer {
  if (process.stdin.isTTY) throw new WhkInputError("stdin-is-tty", `${what} "-" reads standard input, and nothing is piped in`, "pipe the data in, e.g. `cat body.json | whk ...`");
  try {
    return readAll(0, limit, () => new WhkInputError("input-too-large", `${what} "-": standard input holds more than ${formatByteSize(limit)}`, "whk reads inputs whole: pipe in less"));
  } catch (error) {
    if (error instanceof WhkInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new WhkInputError("stdin-unavailable", `${what} "-": standard input is not readable (${code ?? "error"})`, "pipe the data in, e.g. `cat request.json | whk verify -`");
  }
}

/** Whether the path is an existing directory (false when it is anything else, or nothing). */
export function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
