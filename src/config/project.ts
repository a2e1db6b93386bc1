import { basename, dirname } from "node:path";
import type { ProviderEntry } from "./config-types.js";
import { readSecretSetting } from "./secret-setting.js";

/** A project's configuration, resolved: where it came from, its fixture folders, its provider entries. */
export interface ProjectConfig {
  /** The config file (absolute), or undefined when the project has none. */
  file: string | undefined;
  /** Fixture folders, absolute: the config's (relative to it) and --fixtures (relative to the working directory). */
  fixtureFolders: readonly string[];
  providers: Readonly<Record<string, ProviderEntry>>;
}

export const NO_CONFIG: ProjectConfig = { file: undefined, fixtureFolders: [], providers: {} };

/** What the project configures for a provider, if anything. */
export function providerEntry(project: ProjectConfig, provider: string): ProviderEntry | undefined {
  return project.providers[provider];
}

/** The secret the project configures for a provider (read from its env var or file now), or undefined. */
export function configuredSecret(project: ProjectConfig, provider: string): string | undefined {
  const setting = project.providers[provider]?.secret;
  if (setting === undefined || project.file === undefined) return undefined;
  return readSecretSetting(setting, `${basename(project.file)}: providers.${provider}.secret`, dirname(project.file));
}
