import { WhkInputError } from "./errors.js";

/**
 * The input error for a file the user named that could not be read: one message per cause, the same
 * wording for request files, `--data`, `sign`'s body and `--secret-file`. `what` names the flag or role.
 */
export function fileError(path: string, error: unknown, what?: string, hint?: string): WhkInputError {
  // An empty argument names no file: say so, rather than "  does not exist" (or reading the folder it resolves to).
  if (path === "") return new WhkInputError("empty-path", `${what !== undefined ? `${what} ` : ""}"" is an empty path`, hint ?? "name a file");
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const named = what !== undefined ? `${what} ${path}` : path;
  if (code === "ENOENT") return new WhkInputError("missing-file", `${named} does not exist`, hint ?? "check the path");
  if (code === "EISDIR") return new WhkInputError("is-directory", `${named} is a directory, not a file`, hint ?? "name a file");
  if (code === "EACCES") return new WhkInputError("unreadable-file", `${named} cannot be read (permission denied)`, hint ?? "check the file's permissions");
  return new WhkInputError("unreadable-file", `${named} cannot be read (${code ?? "error"})`, hint ?? "check the path");
}
