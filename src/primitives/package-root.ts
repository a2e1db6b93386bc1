import { readFileSync } from "node:fs";

let root: URL | undefined;

/**
 * The folder holding whk's own package.json, found by walking up from this module. The answer is the
 * same from src/ (tests), dist/ (the library) and dist/cli-bundle/ (the CLI's chunks), so files that
 * ship with the package (fixtures/, package.json) are found however deep the code that asks sits.
 */
export function packageRoot(): URL {
  if (root) return root;
  let folder = new URL("./", import.meta.url);
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(new URL("package.json", folder), "utf8")) as { name?: unknown };
      if (manifest.name === "whk") return (root = folder);
    } catch {
      // no package.json here (or not readable): keep walking up
    }
    const parent = new URL("../", folder);
    if (parent.href === folder.href) throw new Error("whk's package.json was not found above its code: the package is incomplete");
    folder = parent;
  }
}

/** whk's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("package.json", packageRoot()), "utf8")) as { version: string }).version;
}
