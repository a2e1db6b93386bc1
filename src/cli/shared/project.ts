import { findConfigFile } from "../../config/find-config.js";
import { NO_CONFIG, type ProjectConfig } from "../../config/project.js";

let current: ProjectConfig = NO_CONFIG;

/** The global options that say where a project's configuration and fixtures are. */
export interface ProjectFlags {
  config?: string;
  fixtures?: string[];
}

/**
 * Finds and loads the project's config (whk.config.json and friends) and its fixture folders, before
 * a command runs. A project without either pays for a few `stat`s: the loader is imported only when
 * there is something to load.
 */
export async function openProject(flags: ProjectFlags): Promise<void> {
  const file = findConfigFile(flags.config);
  const extra = flags.fixtures ?? [];
  if (file === undefined && extra.length === 0) return;
  const { loadProjectConfig } = await import("../../config/load-project-config.js");
  current = await loadProjectConfig(file, extra);
}

/** The project the running command works in (no config: NO_CONFIG). */
export function project(): ProjectConfig {
  return current;
}
