import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileError } from "../primitives/file-error.js";

/** The names whk looks for, in this order, in each folder from the working directory up. */
export const CONFIG_NAMES = ["whk.config.json", "whk.config.mjs", "whk.config.js"] as const;

/**
 * The project's config file: `--config PATH`, else the WHK_CONFIG environment variable, else the first
 * whk.config.json / .mjs / .js found walking up from `cwd` (as git, npm and tsc find theirs).
 * Undefined when there is none: whk needs no config.
 */
export function findConfigFile(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  const named = explicit ?? (env["WHK_CONFIG"] !== undefined && env["WHK_CONFIG"] !== "" ? env["WHK_CONFIG"] : undefined);
  if (named !== undefined) {
    const path = resolve(cwd, named);
    if (!existsSync(path)) throw fileError(named, { code: "ENOENT" }, explicit !== undefined ? "--config" : "WHK_CONFIG", "check the path, or run `whk init` to create a config");
    return path;
  }
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    for (const name of CONFIG_NAMES) {
      const path = join(folder, name);
      if (existsSync(path)) return path;
    }
    if (dirname(folder) === folder) return undefined;
  }
}
