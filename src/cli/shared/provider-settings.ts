import { providerEntry } from "../../config/project.js";
import type { Headers } from "../../primitives/headers.js";
import { parseTarget } from "../../primitives/target-url.js";
import { isProviderName } from "../../providers/index.js";
import { project } from "./project.js";

/** Where requests go when neither --to nor the config says: whk listen's default. */
export const DEFAULT_TARGET = "localhost";

/** A provider's target: --to, else its configured `to`, else localhost (whk listen's default). */
export function targetFor(to: string | undefined, provider: string | undefined): string {
  return parseTarget(to ?? (provider !== undefined ? providerEntry(project(), provider)?.to : undefined) ?? DEFAULT_TARGET);
}

/**
 * The headers and option values the project configures for a bundled provider, under those the flags
 * give. (A provider the project defines has its headers as its own already.)
 */
export function projectSettingsFor(provider: string, headers: Headers | undefined, options: Readonly<Record<string, string>> | undefined): { headers?: Headers; options?: Readonly<Record<string, string>> } {
  const entry = isProviderName(provider) ? providerEntry(project(), provider) : undefined;
  const mergedHeaders = entry?.headers !== undefined ? { ...entry.headers, ...headers } : headers;
  const mergedOptions = entry?.options !== undefined ? { ...entry.options, ...options } : options;
  return { ...(mergedHeaders !== undefined ? { headers: mergedHeaders } : {}), ...(mergedOptions !== undefined ? { options: mergedOptions } : {}) };
}
