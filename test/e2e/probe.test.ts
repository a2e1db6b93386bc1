import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createServer } from "node:http";
import { closedPort, startServer, type CapturedRequest, type Reply, type TestServer } from "../helpers/http-server.js";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { dokuSnapSignature } from "../helpers/gateway-verifiers.js";
import { checkDelivery, minifyForSnap } from "../helpers/provider-verifiers.js";
import { runWhk } from "../helpers/run-whk.js";

const aSecret = "probe-secret-5d1e";
const scratch = mkdtempSync(join(tmpdir(), "whk-probe-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Provider = "paycombat" | "fazz" | "topremit" | "singleview" | "chaipay" | "midtrans" | "xendit" | "doku" | "doku-snap" | "tripay" | "duitku";
type Handler = (request: CapturedRequest) => Reply;

const acks: Record<Provider, string> = {
  paycombat: '{"status":"OK"}', fazz: "", topremit: "{}", singleview: '{"status":"OK"}', chaipay: "",
  midtrans: "", xendit: "", doku: "", "doku-snap": "{}", tripay: '{"success": true}', duitku: "",
};

/** The header carrying each timestamp-signing provider's signed timestamp: a correct handler bounds its age. */
const timestampHeaders: Partial<Record<Provider, string>> = { topremit: "x-timestamp", doku: "request-timestamp", "doku-snap": "x-timestamp" };
const ok = (provider: Provider): Reply => ({ status: 200, headers: { "content-type": "application/json" }, body: acks[provider] });
const reject: Reply = { status: 401, body: '{"error":"invalid signature"}' };

/** Which ChaiPay webhook a body is, the way a merchant's handler tells them apart. */
const chaipayEvent = (body: Buffer): string => {
  const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  return "link_ref" in json ? "payment-link" : "refund_id" in json ? "refund" : "channel_key" in json ? "payin" : "subscription-link";
};

/**
 * SNAP as the standard defines minify (whitespace outside strings removed, every other byte kept), for
 * DOKU SNAP: the shared verifier follows DOKU's SDK, which minifies with JSON.stringify(JSON.parse(body)).
 */
function snapStandard(request: { url: string; headers: Record<string, string>; body: Buffer }): boolean {
  const token = (request.headers["authorization"] ?? "").replace(/^Bearer /, "");
  const hash = createHash("sha256").update(minifyForSnap(request.body)).digest("hex");
  const expected = createHmac("sha512", aSecret).update(`POST:${request.url}:${token}:${hash}:${request.headers["x-timestamp"] ?? ""}`).digest("base64");
  const given = request.headers["x-signature"] ?? "";
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * A handler done right, from each provider's docs (the checks in ../helpers/provider-verifiers.ts, not
 * whk's code): signature, and for the providers that sign a timestamp a 5-minute window.
 */
function correctHandler(provider: Provider, options: { checkTimestamp?: boolean } = {}): Handler {
  return (request) => {
    const event = provider === "chaipay" ? chaipayEvent(request.body) : "event";
    const valid = provider === "doku-snap" ? snapStandard(request) : checkDelivery(`${provider}-${event}`, request, aSecret).ok;
    if (!valid) return reject;
    const timestampHeader = timestampHeaders[provider];
    if (timestampHeader !== undefined && options.checkTimestamp !== false) {
      const skew = Math.abs(Date.now() - Date.parse(request.headers[timestampHeader] ?? ""));
      if (!(skew <= 5 * 60_000)) return reject;
    }
    return ok(provider);
  };
}

async function serve(handler: Handler): Promise<{ server: TestServer; url: string }> {
  const server = await startServer(handler);
  return { server, url: `${server.url}webhooks/in?env=test` };
}

const run = (args: string[]) => runWhk(args);

interface Report { ok: boolean; failed: number; checks: { check: string; pass: boolean; why?: string; consequence?: string }[]; caveat?: string }

async function probe(provider: Provider, handler: Handler, extra: string[] = []): Promise<{ code: number | null; report: Report; stderr: string }> {
  const { server, url } = await serve(handler);
  try {
    const { code, stdout, stderr } = await run(["probe", provider, "--to", url, "--secret", aSecret, "--json", ...extra]);
    return { code, report: JSON.parse(stdout) as Report, stderr };
  } finally {
    await server.close();
  }
}

const failedChecks = (report: Report) => report.checks.filter((c) => !c.pass).map((c) => c.check).sort();

describe("whk probe", () => {
  it.each(["paycombat", "fazz", "topremit", "chaipay", "singleview", "midtrans", "xendit", "doku", "doku-snap", "tripay", "duitku"] as const)("passes a correct %s handler", async (provider) => {
    const { code, report } = await probe(provider, correctHandler(provider));
    expect(failedChecks(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it("runs every documented check for Topremit", async () => {
    const { report } = await probe("topremit", correctHandler("topremit"));
    expect(report.checks.map((c) => c.check).sort()).toEqual(
      ["missing-signature", "raw-body", "raw-body", "raw-body", "replay", "stale-timestamp", "tampered-body", "valid", "valid", "wrong-path", "wrong-secret"],
    );
  });

  it.each<[Provider, string[]]>([
    ["midtrans", ["duplicate", "missing-signature", "out-of-order", "tampered-amount", "tampered-body", "timeout", "valid", "valid", "valid", "valid", "valid", "valid", "wrong-secret"]],
    ["xendit", ["missing-signature", "timeout", "valid", "valid", "valid", "valid", "wrong-secret"]],
    ["doku", ["missing-signature", "raw-body", "raw-body", "raw-body", "raw-body", "stale-timestamp", "tampered-body", "valid", "wrong-path", "wrong-secret"]],
    ["duitku", ["missing-signature", "tampered-amount", "tampered-body", "valid", "valid", "wrong-secret"]],
  ])("runs for %s only the forgeries its scheme can catch", async (provider, checks) => {
    const { report } = await probe(provider, correctHandler(provider));
    expect(report.checks.map((c) => c.check).sort()).toEqual(checks);
    if (provider !== "doku") expect(report.caveat).toMatch(/confirm/i);
  });

  it("fails a DOKU SNAP handler built like DOKU's SDK (minify = JSON.stringify of the parsed body) on the escaped body only", async () => {
    const sdkLike: Handler = (request) => {
      const token = (request.headers["authorization"] ?? "").replace(/^Bearer /, "");
      const expected = dokuSnapSignature(request.url, token, request.body, request.headers["x-timestamp"] ?? "", aSecret);
      const fresh = Math.abs(Date.now() - Date.parse(request.headers["x-timestamp"] ?? "")) <= 5 * 60_000;
      return expected === request.headers["x-signature"] && fresh ? ok("doku-snap") : reject;
    };
    const { code, report } = await probe("doku-snap", sdkLike);
    expect(code).toBe(1);
    expect(failedChecks(report)).toEqual(["raw-body"]);
    expect(report.checks.find((c) => !c.pass)?.consequence).toMatch(/verifies a re-serialised body, not the raw bytes/);
  });

  it("fails a handler that accepts anything, on every forgery", async () => {
    const { code, report } = await probe("chaipay", () => ok("chaipay"));
    expect(code).toBe(1);
    expect(failedChecks(report)).toEqual(["missing-signature", "tampered-amount", "tampered-body", "wrong-secret"]);
    expect(report.checks.find((c) => c.check === "wrong-secret")).toMatchObject({ why: "accepted with 200", consequence: expect.stringMatching(/forge payment confirmations/) });
  });

  it("fails a Topremit handler that skips the timestamp check, on that check only", async () => {
    const { code, report } = await probe("topremit", correctHandler("topremit", { checkTimestamp: false }));
    expect(code).toBe(1);
    expect(failedChecks(report)).toEqual(["stale-timestamp"]);
  });

  it("fails a handler with the wrong acknowledgement, saying what the provider does next", async () => {
    const { code, report } = await probe("singleview", () => ({ status: 200, body: "received" }));
    expect(code).toBe(1);
    expect(failedChecks(report)).toEqual(["valid", "valid", "valid", "valid"]);
    expect(report.checks[0]?.why).toMatch(/expected JSON \{"status":"OK"\}/);
    expect(report.checks[0]?.consequence).toMatch(/retries .*discards the event.*deactivate the webhook/);
    expect(report.caveat).toMatch(/cannot tell a forgery from the real thing/);
  });

  it("writes a JUnit report that parses and counts the failures", async () => {
    const junit = join(scratch, "probe.xml");
    const { code } = await probe("fazz", () => ok("fazz"), ["--junit", junit]);
    expect(code).toBe(1);
    const xml = readFileSync(junit, "utf8");
    const suite = /<testsuite [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml);
    expect(Number(suite?.[1])).toBe((xml.match(/<testcase /g) ?? []).length);
    expect(Number(suite?.[2])).toBe((xml.match(/<failure /g) ?? []).length);
    expect(Number(suite?.[2])).toBe(3);
    expect(xml).not.toContain(aSecret);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^>]*>\n  <testsuite [\s\S]*<\/testsuite>\n<\/testsuites>\n$/);
  });

  it("waits for a target that starts late (--wait), and gives up on one that never does", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/webhooks/in`;
    const late = run(["probe", "fazz-disbursement", "--to", url, "--secret", aSecret, "--wait", "20s", "--json"]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const reply = correctHandler("fazz")({ method: req.method ?? "", url: req.url ?? "", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
        if (typeof reply === "object") res.writeHead(reply.status ?? 200).end(reply.body ?? "");
      });
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      expect((await late).code).toBe(0);
    } finally {
      server.close();
    }
    const never = await run(["probe", "fazz", "--to", url, "--secret", aSecret, "--wait", "300ms"]);
    expect(never.code).toBe(1);
    expect(never.stderr).toMatch(/did not accept connections within 0.3s/);
  });

  it("says in one line that a target is down, without --wait", async () => {
    const { code, stdout, stderr } = await run(["probe", "fazz", "--to", "127.0.0.1:1/x", "--secret", aSecret]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("whk: http://127.0.0.1:1/x does not accept connections\n  hint: start the app first, or pass --wait 30s to wait for it\n");
  });

  it.each([
    [["probe", "acmepay-unknown", "--to", ":1", "--secret", "x"], /neither a provider nor a fixture/],
    [["probe", "fazz", "--secret", "x"], /needs the handler's URL/],
    [["probe", "fazz", "--to", ":1"], /no secret was given/],
    [["probe", "fazz", "--to", ":1", "--secret", "x", "--wait", "soon"], /not a duration/],
  ])("%j is a usage error", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
