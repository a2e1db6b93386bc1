import type { ConfigFile } from "./config-types.js";

/**
 * For a whk.config.js / .mjs: `export default defineConfig({ ... })` gives the config its type in an
 * editor; whk checks it like whk.config.json.
 */
export function defineConfig(config: ConfigFile): ConfigFile {
  return config;
}
