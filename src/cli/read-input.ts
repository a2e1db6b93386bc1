import { readFileSync } from "node:fs";
import { WhkInputError } from "../core/errors.js";

/** Reads a file the user named, turning every failure into one clear input error. */
export function readUserFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WhkInputError("missing-file", `${what} ${path} does not exist`, "check the path");
    if (code === "EISDIR") throw new WhkInputError("is-directory", `${what} ${path} is a directory, not a file`, "name a file");
    if (code === "EACCES") throw new WhkInputError("unreadable-file", `${what} ${path} cannot be read (permission denied)`, "check the file's permissions");
    throw new WhkInputError("unreadable-file", `${what} ${path} cannot be read (${code ?? "error"})`, "check the path");
  }
}

/** Reads all of standard input; an interactive terminal is refused rather than waited on. */
export function readStdin(what: string): Buffer {
  if (process.stdin.isTTY) throw new WhkInputError("stdin-is-tty", `${what} "-" reads standard input, and nothing is piped in`, "pipe the data in, e.g. `cat body.json | whk ...`");
  try {
    return readFileSync(0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EAGAIN") throw new WhkInputError("stdin-unavailable", `${what} "-": standard input is not readable`, "pipe the data in");
    if (code === "EOF") return Buffer.alloc(0);
    throw error;
  }
}
