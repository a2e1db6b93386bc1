import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { staticImportGraph } from "../helpers/static-imports.js";

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

describe("what `whk verify` and `whk sign` load", () => {
  it.each(["cli/commands/verify/run.ts", "cli/commands/sign/run.ts"])("%s never loads undici or ora (start-up is a feature)", (entry) => {
    const { packages } = staticImportGraph(src(entry));
    expect(packages).not.toContain("undici");
    expect(packages).not.toContain("ora");
    if (entry === "cli/commands/verify/run.ts") {
      // zod and chalk are off verify's path too: schemas are checked as generated JSON Schema, chalk loads only on a TTY.
      expect([...packages]).toEqual([]);
    }
  });

  it("explain and the input readers are pure core code: no CLI packages", () => {
    for (const entry of ["verify/explain/explain-failure.ts", "inputs/read-requests.ts"]) {
      expect([...staticImportGraph(src(entry)).packages]).toEqual([]);
    }
  });
});
