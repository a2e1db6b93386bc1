import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it('`require("whk")` from a CommonJS project loads the same library (Node >= 20.19: require of an ES module)', () => {
    // An installed dependency, as npm lays it out: node_modules/whk, required from a .cjs file.
    const project = mkdtempSync(join(tmpdir(), "whk-require-"));
    try {
      mkdirSync(join(project, "node_modules"));
      symlinkSync(fileURLToPath(new URL("../..", import.meta.url)), join(project, "node_modules", "whk"), "dir");
      writeFileSync(join(project, "check.cjs"), [
        'const { signRequest, verifyRequest, prepareFixtureRequest } = require("whk");',
        'const unsigned = prepareFixtureRequest({ fixture: "fazz-disbursement", url: "http://127.0.0.1:3000/cb" });',
        'const request = signRequest(unsigned, { provider: "fazz", secret: "s3cret" });',
        'console.log(JSON.stringify([verifyRequest(request, { secret: "s3cret" }).ok, verifyRequest(request, { secret: "other" }).ok]));',
      ].join("\n"));
      const result = spawnSync(process.execPath, ["check.cjs"], { cwd: project, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toBe("[true,false]");
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
