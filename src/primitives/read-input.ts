import { readFileSync, statSync } from "node:fs";
import { WhkInputError } from "./errors.js";
import { fileError } from "./file-error.js";

/**
 * Reads a file the user named, turning every failure into one clear input error. `what` names its role
 * ("--data file"), `hint` what to do instead when the default ("check the path") says too little.
 */
export function readUserFile(path: string, what?: string, hint?: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError(path, error, what, hint);
  }
}

/**
 * Reads all of standard input. An interactive terminal is refused rather than waited on, and a closed
 * or empty stdin reads as nothing. `what` names who reads it, for the error message.
 */
export function readStdin(what: string): Buffer {
  if (process.stdin.isTTY) throw new WhkInputError("stdin-is-tty", `${what} "-" reads standard input, and nothing is piped in`, "pipe the data in, e.g. `cat body.json | whk ...`");
  try {
    return readFileSync(0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EOF") return Buffer.alloc(0);
    throw new WhkInputError("stdin-unavailable", `${what} "-": standard input is not readable (${code ?? "error"})`, "pipe the data in, e.g. `cat request.json | whk verify -`");
  }
}

/** Whether the path is an existing directory (false when it is anything else, or nothing). */
export function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
