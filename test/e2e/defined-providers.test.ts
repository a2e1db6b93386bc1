import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { startServer, type CapturedRequest, type TestServer } from "../helpers/http-server.js";
import { killListeners, spawnListener } from "../helpers/listener-process.js";
import { jsonLines, outputOf, runWhk, runWhkSync } from "../helpers/run-whk.js";

/**
 * Three providers a project defines in its config, in the three shapes webhook providers take: a
 * Stripe-style timestamped header, a Standard Webhooks one (whsec_ key, id.timestamp.body, v1,<base64>)
 * and a Midtrans-style signature inside the body. Each goes through every command, and every delivery
 * is checked with the provider's formula written here with node:crypto, never with whk's code.
 */
const stripeSecret = "sk_test_stripe_like";
const svixSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const fieldSecret = "server-key-123";

const same = (a: string, b: string | undefined): boolean => b !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The formulas, from each style's own description. */
const checks: Record<string, (request: CapturedRequest) => boolean> = {
  stripelike(request) {
    const pairs = (request.headers["stripelike-signature"] ?? "").split(",").map((p) => p.split("="));
    const t = pairs.find(([k]) => k === "t")?.[1] ?? "";
    return same(createHmac("sha256", stripeSecret).update(`${t}.${request.body.toString()}`).digest("hex"), pairs.find(([k]) => k === "v1")?.[1]);
  },
  svixlike(request) {
    const key = Buffer.from(svixSecret.slice("whsec_".length), "base64");
    const signed = `${request.headers["webhook-id"]}.${request.headers["webhook-timestamp"]}.${request.body.toString()}`;
    return same(`v1,${createHmac("sha256", key).update(signed).digest("base64")}`, request.headers["webhook-signature"]);
  },
  fieldlike(request) {
    const body = JSON.parse(request.body.toString()) as Record<string, string>;
    return same(createHash("sha512").update(`${body["order_id"]}${body["status_code"]}${body["gross_amount"]}${fieldSecret}`).digest("hex"), body["signature_key"]);
  },
};
const providerOf = (request: CapturedRequest): string =>
  request.headers["stripelike-signature"] ? "stripelike" : request.headers["webhook-signature"] ? "svixlike" : "fieldlike";

/** Whether a signed Unix timestamp is within 5 minutes of now (the replay window both timestamped styles use). */
const fresh = (seconds: string | undefined): boolean => Math.abs(Date.now() / 1000 - Number(seconds)) <= 300;
const timestampOf = (request: CapturedRequest): string | undefined =>
  request.headers["webhook-timestamp"] ?? /(?:^|,)t=(\d+)/.exec(request.headers["stripelike-signature"] ?? "")?.[1];

/** A handler that does it right: checks with the formulas above (and the timestamp's age) and answers 200 or 401. */
const strictHandler = (request: CapturedRequest) => {
  const provider = providerOf(request);
  const ok = checks[provider]?.(request) === true && (provider === "fieldlike" || fresh(timestampOf(request)));
  return ok ? { status: 200, body: '{"ok":true}' } : { status: 401, body: '{"error":"bad signature"}' };
};

const dir = mkdtempSync(join(tmpdir(), "whk-defined-"));
let handler: TestServer;

beforeAll(async () => {
  handler = await startServer(strictHandler);
  writeFileSync(join(dir, "field.secret"), `${fieldSecret}\n`);
  writeFileSync(join(dir, "whk.config.json"), JSON.stringify({
    fixtures: ["./webhooks"],
    providers: {
      stripelike: {
        displayName: "StripeLike",
        signature: { algorithm: "hmac-sha256", message: "{timestamp}.{body}", header: "Stripelike-Signature", format: "t={timestamp},v1={signature}", timestamp: "unix", toleranceSeconds: 300 },
        secret: stripeSecret, to: `${handler.url}stripe`, retry: { delaysSeconds: [1, 2] },
      },
      svixlike: {
        signature: { algorithm: "hmac-sha256", key: "base64:whsec_", message: "{header:webhook-id}.{timestamp}.{body}", encoding: "base64", header: "webhook-signature", format: "v1,{signature}", timestamp: "unix", timestampHeader: "webhook-timestamp" },
        headers: { "webhook-id": "msg_{alnum:24}" },
        secret: { env: "SVIX_SECRET" }, to: `${handler.url}svix`,
      },
      fieldlike: {
        signature: { algorithm: "sha512", message: "{field:order_id}{field:status_code}{field:gross_amount}{secret}", bodyField: "signature_key" },
        ack: { status: 200, body: '{"ok":true}' },
        secret: { file: "field.secret" }, to: `${handler.url}field`,
      },
    },
  }));
  mkdirSync(join(dir, "webhooks"));
  const fixture = (id: string, provider: string, body: unknown, dynamic: unknown[] = []) =>
    writeFileSync(join(dir, "webhooks", `${id}.json`), JSON.stringify({ id, provider, event: id.slice(provider.length + 1), body, dynamic }));
  fixture("stripelike-payment-succeeded", "stripelike", { id: "evt_1", type: "payment_intent.succeeded", status: "succeeded", amount: 2000 }, [{ path: "id", generate: "alnum", length: 14, prefix: "evt_" }]);
  fixture("svixlike-user-created", "svixlike", { type: "user.created", status: "active", data: { id: "u1" } });
  fixture("fieldlike-settlement", "fieldlike", { order_id: "ORD-1", status_code: "200", gross_amount: "10000.00", transaction_status: "settlement" }, [{ path: "order_id", generate: "digits", length: 8, prefix: "ORD-" }]);
});

afterAll(async () => {
  killListeners();
  await handler.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = { SVIX_SECRET: svixSecret };
const run = (args: string[], input?: string) => runWhkSync(args, { cwd: dir, env, ...(input !== undefined ? { input } : {}) });
const fixtures = ["stripelike-payment-succeeded", "svixlike-user-created", "fieldlike-settlement"];
const providers = ["stripelike", "svixlike", "fieldlike"];

describe("providers defined in whk.config.json, through every command", () => {
  it("list shows their fixtures, and how each signs, acknowledges and retries", () => {
    const listed = JSON.parse(run(["list", "--json"]).stdout) as { id: string; provider: string }[];
    for (const id of fixtures) expect(listed.map((f) => f.id)).toContain(id);
    expect(run(["list", "--provider", "stripelike"]).stdout).toMatch(/StripeLike \(defined in whk\.config\.json\)\n {2}signature: Stripelike-Signature \(t=\{timestamp\},v1=\{signature\}\): hex HMAC-SHA256/);
    expect(run(["list", "--provider", "stripelike"]).stdout).toContain("retries:   2 retries, waits of 1s, 2s");
  });

  it.each(fixtures)("show %s --json: signed as the formula says; --format curl carries the same headers", (id) => {
    const request = parseRequestFile(run(["show", id, "--json"]).stdout, id);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(checks[id.split("-")[0] as string]?.({ method: "POST", url: "/", headers, body: request.body })).toBe(true);
    expect(run(["show", id, "--format", "curl"]).stdout).toMatch(/^printf '%b' '.*' \|\n  curl -sS -X POST '/);
  });

  it("send delivers each to its configured target, signed, and judges the answer by its configured ack", async () => {
    const before = handler.requests.length;
    const sent = await runWhk(["send", ...fixtures, "--json", "--save", join(dir, "saved/")], { cwd: dir, env });
    expect(sent.code, outputOf(sent)).toBe(0);
    const received = handler.requests.slice(before);
    expect(received.map((r) => r.url)).toEqual(["/stripe", "/svix", "/field"]);
    for (const request of received) expect(checks[providerOf(request)]?.(request), providerOf(request)).toBe(true);
    expect(jsonLines<{ ok: boolean; expected: string }>(sent.stdout).map((d) => [d.ok, d.expected])).toEqual([[true, "HTTP 200"], [true, "HTTP 200"], [true, 'HTTP 200 with {"ok":true}']]);
  });

  it("verify detects each by its signature and checks it with its configured secret; a wrong secret is explained", () => {
    const saved = join(dir, "saved");
    const verified = run(["verify", saved]);
    expect(verified.stdout).toContain("3 requests: 3 valid, 0 invalid, 0 unsigned");
    for (const file of readdirSync(saved)) {
      const provider = file.split("-")[0] as string;
      expect(run(["verify", join(saved, file), "--json"]).stdout).toContain(`"provider":"${provider}"`);
    }
    const wrong = run(["verify", saved, "--secret", "not-it", "--json"]);
    expect(wrong.code).toBe(1);
    expect(jsonLines<{ reason: string; explain?: { cause: string } }>(wrong.stdout).every((l) => l.reason === "bad-signature" && l.explain?.cause === "no-match")).toBe(true);
  });

  it("sign signs any body their way", () => {
    const signed = run(["sign", "-", "--provider", "fieldlike", "--json"], '{"order_id":"A","status_code":"200","gross_amount":"5.00"}');
    const request = parseRequestFile(signed.stdout, "sign");
    expect(checks["fieldlike"]?.({ method: "POST", url: "/", headers: {}, body: request.body })).toBe(true);
  });

  it("listen verifies their requests with the configured secrets and answers their acks", async () => {
    const listener = await spawnListener(["--port", "0", "--json", "--count", "3", "--out", join(dir, "captures"), "--config", join(dir, "whk.config.json")], env);
    const sent = await runWhk(["send", ...fixtures, "--to", listener.url], { cwd: dir, env });
    expect(sent.code, outputOf(sent)).toBe(0);
    expect(await listener.exited).toBe(0);
    const requests = listener.events().filter((e) => e["type"] === "request");
    expect(requests.map((e) => [e["detectedProvider"], (e["verdict"] as { reason: string }).reason])).toEqual(providers.map((p) => [p, "valid-signature"]));
  });

  it.each(providers)("probe %s passes a handler that checks signatures right", async (provider) => {
    const probed = await runWhk(["probe", provider, "--json"], { cwd: dir, env });
    const report = JSON.parse(probed.stdout) as { ok: boolean; checks: { check: string; pass: boolean }[] };
    expect(report.checks.filter((c) => !c.pass)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.check)).toContain(provider === "fieldlike" ? "tampered-body" : "stale-timestamp");
  });

  it("demo sends them through listen and back with the rest", () => {
    const demo = JSON.parse(run(["demo", "--json"]).stdout) as { fixture: string; pass: boolean }[];
    for (const id of fixtures) expect(demo.find((row) => row.fixture === id)?.pass, id).toBe(true);
  });
});
