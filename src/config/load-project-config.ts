import { basename, dirname, resolve } from "node:path";
import { useFixtureFolders } from "../fixtures/fixture-catalog.js";
import { defineProvider, findProvider, isProviderName } from "../providers/index.js";
import { checkConfig } from "./check-config.js";
import { definedProvider } from "./defined-provider.js";
import { readConfigValue } from "./read-config.js";
import type { ProjectConfig } from "./project.js";

/**
 * Reads and checks a config file (see find-config.ts for which), then puts it to work: the providers it
 * defines join the registry, its fixture folders (and `extraFixtures`) join the catalog. Input errors
 * name the file and the JSON path.
 */
export async function loadProjectConfig(file: string | undefined, extraFixtures: readonly string[] = []): Promise<ProjectConfig> {
  const config = file !== undefined ? checkConfig(await readConfigValue(file), file) : {};
  const base = file !== undefined ? dirname(file) : process.cwd();
  const project: ProjectConfig = {
    file,
    fixtureFolders: [...(config.fixtures ?? []).map((folder) => resolve(base, folder)), ...extraFixtures.map((folder) => resolve(folder))],
    providers: config.providers ?? {},
  };
  for (const [name, entry] of Object.entries(project.providers)) {
    if (isProviderName(name) || findProvider(name) !== undefined || entry.signature === undefined) continue;
    defineProvider(definedProvider(name, { ...entry, signature: entry.signature }, file !== undefined ? basename(file) : "the config"));
  }
  if (project.fixtureFolders.length > 0) useFixtureFolders(project.fixtureFolders);
  return project;
}
