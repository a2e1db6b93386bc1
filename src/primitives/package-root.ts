import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let root: string | undefined;

/**
 * The folder holding whk's own package.json, found by walking up from this module. The answer is the
 * same from src/ (tests), dist/ (the library) and dist/cli-bundle/ (the CLI's chunks), so files that
 * ship with the package (fixtures/, package.json) are found however deep the code that asks sits.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  // import.meta.dirname, not fileURLToPath: loading node:url costs start-up a millisecond and a half.
  let folder = import.meta.dirname;
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { name?: unknown };
      if (manifest.name === "whk") return (root = folder);
    } catch {
      // no package.json here (or not readable): keep walking up
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error("whk's package.json was not found above its code: the package is incomplete");
    folder = parent;
  }
}

/** whk's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
