import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's src/ folder, which the structure tests (layering, provider folders, hints) read. */
export const srcDir = fileURLToPath(new URL("../../src/", import.meta.url));

/** Every file under `dir`, recursively, whose name `wanted` accepts (default: all). */
export function filesUnder(dir: string, wanted: (name: string) => boolean = () => true, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, wanted, out);
    else if (wanted(name)) out.push(path);
  }
  return out;
}

/** The TypeScript sources under `dir`. */
export const sourceFiles = (dir: string): string[] => filesUnder(dir, (name) => name.endsWith(".ts"));
