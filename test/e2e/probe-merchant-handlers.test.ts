import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import {
  dokuInMountedRouter,
  fazzWithExpressRaw,
  listen,
  paycombatWithExpressJson,
  paycombatWithExpressRaw,
  topremitSigningFullPath,
} from "../helpers/merchant-handlers.js";
import { outputOf, runWhk } from "../helpers/run-whk.js";

const aSecret = "merchant-secret-7f3a";
const scratch = mkdtempSync(join(tmpdir(), "whk-probe-merchants-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Check { id: string; check: string; result: "pass" | "fail" | "skip"; why?: string; consequence?: string; diagnosis?: string; likelyCauses?: string[] }
interface Report { ok: boolean; failed: number; skipped: number; notes: string[]; checks: Check[] }

async function probe(provider: string, app: Express, path: string, extra: string[] = []): Promise<{ code: number | null; report: Report; stdout: string }> {
  const running = await listen(app);
  try {
    const run = await runWhk(["probe", provider, "--to", `${running.url}${path}`, "--secret", aSecret, "--json", ...extra], { timeoutMs: 60_000 });
    expect(run.stderr, outputOf(run)).toBe("");
    return { code: run.code, report: JSON.parse(run.stdout) as Report, stdout: run.stdout };
  } finally {
    await running.close();
  }
}

const results = (report: Report, kind: string): Record<string, string> =>
  Object.fromEntries(report.checks.filter((c) => c.check === kind).map((c) => [c.id.split("/")[1] as string, c.result]));

describe("whk probe against handlers written the way merchants write them", () => {
  it("Express with express.json() and JSON.stringify(req.body): fails the bodies a re-serialise changes, and says to verify the raw bytes", async () => {
    const { code, report } = await probe("paycombat", paycombatWithExpressJson(aSecret), "/webhooks/paycombat");
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.check === "valid").every((c) => c.result === "pass")).toBe(true);
    // JSON.stringify keeps key order, so only layout, escapes and numbers give it away.
    expect(results(report, "raw-body")).toEqual({ "raw-body-pretty-printed": "fail", "raw-body-key-order": "pass", "raw-body-escapes": "fail", "raw-body-decimals": "fail" });
    for (const failure of report.checks.filter((c) => c.result === "fail")) {
      expect(failure.consequence).toMatch(/verifies a re-serialised body, not the raw bytes/);
      expect(failure.consequence).toMatch(/express\.raw\(\{ type: "application\/json" \}\).*Fastify .*rawBody.*Flask request\.get_data\(\).*FastAPI await request\.body\(\)/);
    }
    expect(report.checks.filter((c) => ["tampered-body", "wrong-secret", "missing-signature"].includes(c.check)).map((c) => c.result)).toEqual(["pass", "pass", "pass"]);
  }, 60_000);

  it("Express with express.raw(): passes every check, the re-serialisation traps included", async () => {
    const { code, report } = await probe("paycombat", paycombatWithExpressRaw(aSecret), "/webhooks/paycombat");
    expect(report.checks.filter((c) => c.result !== "pass")).toEqual([]);
    expect(code).toBe(0);
    expect(Object.keys(results(report, "raw-body"))).toHaveLength(4);
  }, 60_000);

  it("Fazz with express.raw(): passes, and says no Fazz body has a number to write with trailing zeros", async () => {
    const { code, report } = await probe("fazz", fazzWithExpressRaw(aSecret), "/callbacks/fazz");
    expect(code).toBe(0);
    expect(Object.keys(results(report, "raw-body")).sort()).toEqual(["raw-body-escapes", "raw-body-key-order", "raw-body-pretty-printed"]);
    expect(report.notes.join("\n")).toMatch(/No Fazz \(Xfers\) fixture has a JSON number/);
    expect(report.notes.join("\n")).toMatch(/Fazz \(Xfers\) documents no delivery timeout, so probe checked none/);
  }, 60_000);

  it("a SNAP handler signing Flask's request.full_path: the genuine delivery fails, the trailing ? is named, and dependent checks are skipped", async () => {
    const { code, report } = await probe("topremit", topremitSigningFullPath(aSecret), "/webhooks/topremit");
    expect(code).toBe(1);
    const valid = report.checks.filter((c) => c.check === "valid");
    expect(valid.map((c) => c.result)).toEqual(["fail", "fail"]);
    for (const check of valid) {
      expect(check.why).toBe("expected HTTP 200 with a JSON object, got 401");
      expect(check.diagnosis).toMatch(/signs "\/webhooks\/topremit\?", the path with a "\?" and no query \(Flask's request\.full_path always adds one\)/);
      expect(check.likelyCauses).toBeUndefined();
    }
    expect(report.checks.filter((c) => c.check === "replay" || c.check === "raw-body").map((c) => c.result)).toEqual(["skip", "skip", "skip", "skip"]);
    expect(report.checks.find((c) => c.check === "replay")?.why).toMatch(/^builds on the genuine delivery topremit-\S+\/valid, which was not acknowledged$/);
    expect(report.failed).toBe(2);
  }, 60_000);

  it("the same SNAP handler with the path right, minifying with JSON.stringify(JSON.parse(body)): only the escaped body gives it away", async () => {
    const { code, report } = await probe("topremit", topremitSigningFullPath(aSecret, { fullPath: false }), "/webhooks/topremit");
    expect(code).toBe(1);
    expect(report.checks.filter((c) => c.result === "fail").map((c) => c.id.split("/")[1])).toEqual(["raw-body-escapes"]);
    // SNAP minifies: layout and key order sign the same, so those pass even here.
    expect(results(report, "raw-body")).toEqual({ "raw-body-pretty-printed": "pass", "raw-body-key-order": "pass", "raw-body-escapes": "fail" });
    expect(report.checks.find((c) => c.result === "fail")?.consequence).toMatch(/verifies a re-serialised body, not the raw bytes/);
  }, 60_000);

  it("a handler in a router mounted at /webhooks that signs req.url: the dropped prefix is named", async () => {
    const { code, report } = await probe("doku", dokuInMountedRouter(aSecret), "/webhooks/doku");
    expect(code).toBe(1);
    expect(report.checks.find((c) => c.check === "valid")?.diagnosis).toMatch(/signs "\/doku", the path without its leading "\/webhooks": a router mounted at "\/webhooks" sees only the rest/);
  }, 60_000);

  it("a handler configured with another secret: no mistake explains it, so the likely causes are listed, the secret first", async () => {
    const { code, report } = await probe("paycombat-payout-success", paycombatWithExpressRaw("not-the-same-secret"), "/webhooks/paycombat");
    expect(code).toBe(1);
    const valid = report.checks.find((c) => c.check === "valid");
    expect(valid?.diagnosis).toBeUndefined();
    expect(valid?.likelyCauses?.map((cause) => cause.split(":")[0])).toEqual(["the secret", "the raw body", "the header"]);
    expect(valid?.likelyCauses?.[2]).toMatch(/X-Signature/);
  }, 60_000);
});

describe("whk probe --save", () => {
  it("writes every request and answer in the request file format, without the secret, and whk verify re-checks them", async () => {
    const dir = join(scratch, "topremit-requests");
    const { report } = await probe("topremit-va", topremitSigningFullPath(aSecret), "/webhooks/topremit", ["--save", dir]);
    const files = readdirSync(dir).sort();
    // The genuine delivery, its re-sends with mistakes until one was accepted, then the forgeries.
    expect(files[0]).toBe("001-topremit-va-valid.json");
    expect(files[1]).toBe("002-topremit-va-valid-mistake-path-empty-query.json");
    expect(files.length).toBe(report.checks.filter((c) => c.result !== "skip" && c.check !== "valid").length + 2);
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text).not.toContain(aSecret);
      const record = JSON.parse(text) as { method: string; url: string; headers: Record<string, string>; body: string; receivedAt: string; probe: { check: string }; response?: { status: number } };
      expect(record).toMatchObject({ method: "POST", probe: { check: expect.stringMatching(/^topremit-va\//) }, response: { status: expect.any(Number) } });
    }
    const verified = await runWhk(["verify", dir, "--secret", aSecret, "--json"]);
    const lines = verified.stdout.trim().split("\n").map((line) => JSON.parse(line) as { source: string; ok: boolean; reason: string });
    const bySource = (name: string) => lines.find((line) => line.source.endsWith(name));
    expect(bySource("001-topremit-va-valid.json")).toMatchObject({ ok: true, reason: "valid-signature" });
    expect(bySource("002-topremit-va-valid-mistake-path-empty-query.json")).toMatchObject({ ok: false, reason: "bad-signature" });
    expect(lines.filter((line) => /tampered-body|wrong-secret|wrong-path/.test(line.source)).every((line) => !line.ok)).toBe(true);
    expect(lines.find((line) => /stale-timestamp/.test(line.source))).toMatchObject({ ok: false, reason: "timestamp-out-of-tolerance" });
    expect(verified.code).toBe(1);
  }, 60_000);

  it("a static token is the secret itself: it is written over in every saved request, and said so", async () => {
    const dir = join(scratch, "xendit-requests");
    const { default: express } = await import("express");
    const app = express();
    app.post("/hooks/xendit", (req, res) => void res.sendStatus(req.get("x-callback-token") === aSecret ? 200 : 401));
    await probe("xendit-invoice-paid", app, "/hooks/xendit", ["--save", dir]);
    const records = readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), "utf8")) as { headers: Record<string, string>; redacted?: string[]; probe: { check: string } });
    const genuine = records.find((r) => r.probe.check.endsWith("/valid"));
    expect(genuine?.headers["x-callback-token"]).toBe(`[redacted: the secret, ${aSecret.length} characters]`);
    expect(genuine?.redacted).toEqual(["header x-callback-token"]);
    const forged = records.find((r) => r.probe.check.endsWith("/wrong-secret"));
    expect(forged?.headers["x-callback-token"]).toMatch(/^[0-9a-f]{32}$/);
    expect(forged?.redacted).toBeUndefined();
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), "utf8")).not.toContain(aSecret);
  }, 60_000);

  it("an earlier save is never written over: a directory that is not empty is a usage error, nothing sent", async () => {
    const dir = join(scratch, "topremit-requests");
    const run = await runWhk(["probe", "fazz", "--to", "127.0.0.1:1/x", "--secret", aSecret, "--save", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^whk: --save \S+ is not empty\n {2}hint: name a new directory/);
  });
});
