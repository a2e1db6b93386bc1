import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles, srcDir } from "../helpers/source-files.js";

/**
 * The layers of src/, lowest first (ARCHITECTURE.md). A file may import its own layer and the layers
 * below it, never one above: type-only imports count too, since they are what couples a contract to a
 * layer. Feature folders sit side by side in one layer; between them imports must not form a cycle.
 */

const FEATURES = ["fixtures", "sign", "verify", "inputs", "deliver", "listen", "probe", "demo", "config", "scenario", "inspect"];

function layerOf(file: string): { rank: number; name: string } {
  const top = relative(srcDir, file).split("/")[0] as string;
  if (top === "primitives") return { rank: 0, name: top };
  if (top === "schemes") return { rank: 1, name: top };
  if (top === "providers") return { rank: 2, name: top };
  if (FEATURES.includes(top)) return { rank: 3, name: top };
  if (top === "index.ts") return { rank: 4, name: "library" };
  if (top === "cli") return { rank: 5, name: top };
  throw new Error(`src/${top} belongs to no layer: add it to the layers in this test and to ARCHITECTURE.md`);
}

/** Every relative import of a file, static, dynamic or type-only, resolved to a path. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
    found.push(resolve(dirname(file), (match[1] as string).replace(/\.js$/, ".ts")));
  }
  return found;
}

const files = sourceFiles(srcDir);
const edges = files.flatMap((file) => importsOf(file).map((target) => ({ from: file, to: target })));

describe("the layers of src/", () => {
  it("every folder of src/ belongs to a layer", () => {
    for (const file of files) expect(() => layerOf(file)).not.toThrow();
  });

  it("no file imports a layer above its own", () => {
    const upward = edges
      .filter(({ from, to }) => layerOf(to).rank > layerOf(from).rank)
      .map(({ from, to }) => `${relative(srcDir, from)} -> ${relative(srcDir, to)}`);
    expect(upward).toEqual([]);
  });

  it("feature folders import each other without a cycle", () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const a = layerOf(from);
      const b = layerOf(to);
      if (a.rank !== 3 || b.rank !== 3 || a.name === b.name) continue;
      if (!graph.has(a.name)) graph.set(a.name, new Set());
      graph.get(a.name)?.add(b.name);
    }
    const reaches = (start: string, goal: string, seen = new Set<string>()): boolean => {
      for (const next of graph.get(start) ?? []) {
        if (next === goal) return true;
        if (!seen.has(next)) {
          seen.add(next);
          if (reaches(next, goal, seen)) return true;
        }
      }
      return false;
    };
    const cyclic = [...graph.keys()].filter((name) => reaches(name, name));
    expect(cyclic).toEqual([]);
  });
});
