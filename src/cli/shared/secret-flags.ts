import { SECRET_HINT, WhkInputError } from "../../primitives/errors.js";
import { readUserFile } from "../../primitives/read-input.js";

export interface SecretFlags {
  secret?: string[];
  secretFile?: string;
}

/**
 * Secrets, in order of precedence: `--secret` (repeatable), else `--secret-file`, else `WHK_SECRET`.
 * An empty value counts as missing. Returns [] when none is given; callers decide if that is an error.
 */
export function readSecrets(flags: SecretFlags, env: NodeJS.ProcessEnv = process.env): string[] {
  const given = (flags.secret ?? []).filter((s) => s !== "");
  if (given.length > 0) return given;
  if (flags.secretFile !== undefined) {
    const text = readUserFile(flags.secretFile, "--secret-file", SECRET_HINT).toString("utf8");
    // Only the line ending an editor or `echo` adds is dropped: other whitespace may be part of the key.
    const secret = text.replace(/\r?\n$/, "");
    if (secret === "") throw new WhkInputError("missing-secret", `--secret-file ${flags.secretFile} is empty`, SECRET_HINT);
    return [secret];
  }
  const fromEnv = env["WHK_SECRET"];
  return fromEnv !== undefined && fromEnv !== "" ? [fromEnv] : [];
}

/** Exactly one secret, required when the provider signs. */
export function requireOneSecret(flags: SecretFlags, needed: boolean, who: string): string | undefined {
  const secrets = readSecrets(flags);
  if (secrets.length > 1) throw new WhkInputError("too-many-secrets", "--secret was given more than once; signing uses one secret", "keep one --secret (several are for `whk verify`, for key rotation)");
  if (needed && secrets.length === 0) throw new WhkInputError("missing-secret", `${who} signs its webhooks, and no secret was given`, SECRET_HINT);
  return secrets[0];
}
