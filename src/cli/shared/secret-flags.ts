import { configuredSecret } from "../../config/project.js";
import { SECRET_HINT, WhkInputError } from "../../primitives/errors.js";
import { MAX_SECRET_BYTES, readUserFile } from "../../primitives/read-input.js";
import { allProviders } from "../../providers/index.js";
import type { Provider } from "../../providers/provider.js";
import { project } from "./project.js";

export interface SecretFlags {
  secret?: string[];
  secretFile?: string;
}

/** What a provider is signed with when no secret is given anywhere: the first run needs no flags. */
export const DEFAULT_TEST_SECRET = "whk-test-secret";

const fromFile = new WeakMap<SecretFlags, string[]>();

/**
 * Secrets the flags give for every provider: `--secret` (repeatable), else `--secret-file`. The file is
 * read once for a command's flags however many providers ask: it may be a pipe (`<(pass show key)`),
 * which holds the secret for one read only.
 */
export function flagSecrets(flags: SecretFlags): string[] {
  const given = (flags.secret ?? []).filter((s) => s !== "");
  if (given.length > 0 || flags.secretFile === undefined) return given;
  const known = fromFile.get(flags);
  if (known !== undefined) return known;
  const text = readUserFile(flags.secretFile, "--secret-file", SECRET_HINT, MAX_SECRET_BYTES).toString("utf8");
  // Only the line ending an editor or `echo` adds is dropped: other whitespace may be part of the key.
  const secret = text.replace(/\r?\n$/, "");
  if (secret === "") throw new WhkInputError("missing-secret", `--secret-file ${flags.secretFile} is empty`, SECRET_HINT);
  fromFile.set(flags, [secret]);
  return [secret];
}

/** A provider's own environment variable: WHK_SECRET_ACME, WHK_SECRET_ACME_PAY for acme-pay. */
export function secretVariable(provider: string): string {
  return `WHK_SECRET_${provider.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

const configured = new Map<string, string | undefined>();

/** The secret the project configures for a provider, read once (its env var or file). */
function configuredOnce(provider: string): string | undefined {
  if (!configured.has(provider)) configured.set(provider, configuredSecret(project(), provider));
  return configured.get(provider);
}

/**
 * A provider's secrets, in order of precedence: `--secret`/`--secret-file`, then its own
 * `WHK_SECRET_<PROVIDER>`, then `WHK_SECRET`, then its secret in whk.config.json. An empty value counts
 * as missing; [] when there is none.
 */
export function secretsFor(flags: SecretFlags, provider: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const given = flagSecrets(flags);
  if (given.length > 0) return given;
  for (const name of [secretVariable(provider), "WHK_SECRET"]) {
    const value = env[name];
    if (value !== undefined && value !== "") return [value];
  }
  const fromConfig = configuredOnce(provider);
  return fromConfig !== undefined ? [fromConfig] : [];
}

/**
 * For listen, which meets any provider: each provider's secrets as `secretsFor` gives them. A configured
 * one that cannot be read (its env var unset, its file missing) is left out with a warning: that
 * provider's requests are then captured unchecked, as with no secret at all. Empty when none is given.
 */
export function secretsByProvider(flags: SecretFlags, warn: (line: string) => void): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name } of allProviders()) {
    try {
      const secrets = secretsFor(flags, name);
      if (secrets.length > 0) out[name] = secrets;
    } catch (error) {
      if (!(error instanceof WhkInputError) || flagSecrets(flags).length > 0) throw error;
      warn(`whk: ${error.message}: ${name}'s requests are not checked\n`);
    }
  }
  return out;
}

function onlyOne(secrets: readonly string[]): string | undefined {
  if (secrets.length > 1) throw new WhkInputError("too-many-secrets", "--secret was given more than once; signing uses one secret", "keep one --secret (several are for `whk verify`, for key rotation)");
  return secrets[0];
}

const noted = new Set<string>();

/**
 * The secret a provider's deliveries are signed with: as `secretsFor`, else the default test secret
 * (said once on stderr), so `whk send <fixture> --to localhost` works with no flags. Undefined for a
 * provider that documents no signature.
 */
export function signingSecret(flags: SecretFlags, provider: Provider): string | undefined {
  if (!provider.scheme.needsSecret) return undefined;
  const secret = onlyOne(secretsFor(flags, provider.name));
  if (secret !== undefined) return secret;
  const test = provider.testSecret ?? DEFAULT_TEST_SECRET;
  if (!noted.has(test)) process.stderr.write(`whk: signed with the default test secret ${test}${test === DEFAULT_TEST_SECRET ? "" : ` (${provider.displayName})`}; pass --secret, set WHK_SECRET or configure it\n`);
  noted.add(test);
  return test;
}

/** Exactly one real secret, required when the provider signs (probe: a verdict against a made-up secret would mislead). */
export function requireOneSecret(flags: SecretFlags, provider: Provider): string | undefined {
  if (!provider.scheme.needsSecret) return undefined;
  const secret = onlyOne(secretsFor(flags, provider.name));
  if (secret === undefined) throw new WhkInputError("missing-secret", `${provider.displayName} signs its webhooks, and no secret was given`, `${SECRET_HINT}, or configure it in whk.config.json`);
  return secret;
}
