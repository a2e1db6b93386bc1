import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { staticImportGraph } from "../helpers/static-imports.js";

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

describe("what each entry point loads", () => {
  it("the library never loads commander, chalk, ora or undici eagerly", () => {
    const { packages } = staticImportGraph(src("index.ts"));
    for (const cli of ["commander", "chalk", "ora"]) expect(packages).not.toContain(cli);
    expect(packages).not.toContain("undici");
  });

  it("`whk --help` loads commander and nothing heavy", () => {
    const { packages } = staticImportGraph(src("cli/main.ts"));
    expect([...packages].sort()).toEqual(["commander"]);
  });

  it('`import ... from "whk"` resolves to the built library (package self-reference)', () => {
    const script = 'const m = await import("whk"); console.log(["fixtures","providers","signRequest","verifyRequest","eventSchemas"].every((k) => k in m) && m.fixtures().length)';
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(Number(result.stdout.trim())).toBeGreaterThanOrEqual(23);
  });
});
