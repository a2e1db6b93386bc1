import { readFileSync } from "node:fs";
import { WhkInputError } from "./errors.js";
import { fileError } from "./file-error.js";

/** Reads a file the user named, turning every failure into one clear input error. */
export function readUserFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError(path, error, what);
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
