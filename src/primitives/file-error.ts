import { WhkInputError } from "./errors.js";

/**
 * The input error for a file the user named that could not be read: one message per cause, the same
 * wording for request files, `--data`, `sign`'s body and `--secret-file`. `what` names the flag or role.
 */
export function fileError(path: string, error: unknown, what?: string, hint?: string): WhkInputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const named = what !== undefined ? `${what} ${path}` : path;
  if (code === "ENOENT") return new WhkInputError("missing-file", `${named} does not exist`, hint ?? "check the path");
  if (code === "EISDIR") return new WhkInputError("is-directory", `${named} is a directory, not a file`, hint ?? "name a file");
  if (code === "EACCES") return new WhkInputError("unreadable-file", `${named} cannot be read (permission denied)`, hint ?? "check the file's permissions");
  return new WhkInputError("unreadable-file", `${named} cannot be read (${code ?? "error"})`, hint ?? "check the path");
}
