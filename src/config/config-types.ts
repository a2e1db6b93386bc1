import type { SignatureTemplate } from "../schemes/template/signature-template.js";

/**
 * A project's configuration (whk.config.json) as whk reads it, without zod. config-schema.ts describes
 * the same shape in zod, the source of the published config.schema.json; the compiler holds the two
 * together there.
 */

/** Where a secret comes from: the value itself, an environment variable, or a file (relative to the config). */
export type SecretSetting = string | { env: string } | { file: string };

export interface ProviderEntry {
  secret?: SecretSetting | undefined;
  /** The default target of send, show, sign and probe for this provider. */
  to?: string | undefined;
  /** Headers every delivery carries; for a provider defined here, its own headers. */
  headers?: Record<string, string> | undefined;
  /** Values for a bundled provider's declared options (`provider.options`). */
  options?: Record<string, string> | undefined;
  // A provider defined here (not bundled) also has:
  displayName?: string | undefined;
  region?: string | undefined;
  signature?: SignatureTemplate | undefined;
  ack?: { status?: number | undefined; body?: string | undefined } | undefined;
  retry?: { delaysSeconds: number[] } | undefined;
  docs?: { title: string; url: string }[] | undefined;
}

export interface ConfigFile {
  $schema?: string | undefined;
  /** Folders of the project's own fixtures, relative to the config file. */
  fixtures?: string[] | undefined;
  providers?: Record<string, ProviderEntry> | undefined;
}
