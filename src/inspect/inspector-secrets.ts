import type { Provider } from "../providers/provider.js";

/**
 * The secrets the inspector verifies and re-signs with: the listener's (or `whk inspect`'s) own. They
 * stay on the server: the page is told only where a secret came from, never its value.
 */
export interface InspectorSecrets {
  /** Given for every provider (`--secret`, `WHK_SECRET`); several for a key rotation, any match passes. */
  secrets: readonly string[];
  /** A provider's own (WHK_SECRET_<PROVIDER>, WHK_SECRET, the project's config), used when `secrets` is empty. */
  providerSecrets: Readonly<Record<string, readonly string[]>>;
  /** Signs when no secret is given at all (whk's published test secret); never used to verify. */
  fallbackSigningSecret?: string;
}

export interface SigningSecret {
  secret: string;
  /** Where it came from, for the page: "the secret given to whk", never the value. */
  from: string;
}

/** The secret a re-signed replay uses: the first one given, else the provider's configured one, else the fallback. */
export function signingSecretFor(provider: Provider, settings: InspectorSecrets): SigningSecret | undefined {
  const [first] = settings.secrets;
  if (first !== undefined) return { secret: first, from: settings.secrets.length > 1 ? "the first secret given to whk" : "the secret given to whk" };
  const configured = settings.providerSecrets[provider.name]?.[0];
  if (configured !== undefined) return { secret: configured, from: `the secret whk has for ${provider.displayName}` };
  if (settings.fallbackSigningSecret !== undefined) return { secret: settings.fallbackSigningSecret, from: "whk's default test secret (no secret was given)" };
  return undefined;
}

/** The secrets that verify a provider's requests (none: its requests are not checked). */
export function verifyingSecretsFor(provider: string, settings: InspectorSecrets): readonly string[] {
  return settings.secrets.length > 0 ? settings.secrets : (settings.providerSecrets[provider] ?? []);
}
