import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { whk } from "../helpers/listener-process.js";

const run = (args: string[]) => spawnSync(process.execPath, [whk, "demo", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

/** How many fixtures whk bundles, as `whk list --json` enumerates them. */
const fixtureCount = (JSON.parse(spawnSync(process.execPath, [whk, "list", "--json"], { encoding: "utf8" }).stdout) as unknown[]).length;

describe("whk demo", () => {
  it("sends every fixture through listen and back, and exits 0 with one passing row per fixture", () => {
    const { status, stdout, stderr } = run([]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const rows = stdout.split("\n").filter((line) => /^(pass|FAIL) /.test(line));
    expect(fixtureCount).toBeGreaterThanOrEqual(50);
    expect(rows).toHaveLength(fixtureCount);
    expect(rows.every((row) => /^pass +\S+ +\S+ +200 +byte-exact +(yes|unsigned \(none documented\)) +yes$/.test(row))).toBe(true);
    expect(stdout).toMatch(/singleview-payment-status +singleview +200 +byte-exact +unsigned \(none documented\)/);
    expect(stdout).toContain(`all ${fixtureCount} fixtures passed`);
  });

  it("prints JSON rows with --json, and --keep leaves the captures where it says", () => {
    const { status, stdout, stderr } = run(["--json", "--keep"]);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout) as { fixture: string; pass: boolean; signature: string }[];
    expect(fixtureCount).toBeGreaterThanOrEqual(50);
    expect(rows).toHaveLength(fixtureCount);
    expect(rows.every((row) => row.pass)).toBe(true);
    expect(rows.find((row) => row.fixture === "chaipay-refund")?.signature).toBe("unsigned (none documented)");
    const kept = /^captures kept in (.+)$/m.exec(stderr)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
    rmSync(kept as string, { recursive: true, force: true });
  });
});
