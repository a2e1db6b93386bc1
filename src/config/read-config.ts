import { pathToFileURL } from "node:url";
import { basename } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { lineAndColumn, stripJsonComments } from "../primitives/json-comments.js";
import { MAX_CONFIG_BYTES, readUserFile } from "../primitives/read-input.js";

/**
 * The raw value of a config file: JSON (comments allowed, as in tsconfig.json), or a JavaScript module
 * whose default export is the config (`export default defineConfig({...})`). Not yet checked.
 */
export async function readConfigValue(path: string): Promise<unknown> {
  const name = basename(path);
  if (/\.(m?js|cjs)$/.test(path)) {
    let loaded: { default?: unknown };
    try {
      loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      throw new WhkInputError("bad-config", `${name} could not be loaded: ${(error as Error).message.split("\n")[0]}`, "fix the module, or use whk.config.json");
    }
    if (loaded.default === undefined) throw new WhkInputError("bad-config", `${name} has no default export`, "end it with `export default defineConfig({ ... })`");
    return loaded.default;
  }
  const text = readUserFile(path, "config file", undefined, MAX_CONFIG_BYTES).toString("utf8").replace(/^\uFEFF/, "");
  const plain = stripJsonComments(text);
  try {
    return JSON.parse(plain);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = at !== undefined ? ` at ${lineAndColumn(plain, Number(at))}` : "";
    throw new WhkInputError("bad-config", `${name} is not valid JSON${where}: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")}`, "fix the JSON (comments are allowed, trailing commas are not)");
  }
}
