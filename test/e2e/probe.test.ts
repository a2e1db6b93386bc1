import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { chaipayValid, hexBodyHmacValid, snapValid } from "../helpers/handler-checks.js";

const whk = fileURLToPath(new URL("../../bin/whk.js", import.meta.url));
const aSecret = "probe-secret-5d1e";
const scratch = mkdtempSync(join(tmpdir(), "whk-probe-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Provider = "paycombat" | "fazz" | "topremit" | "singleview" | "chaipay";
interface Incoming { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }
type Handler = (request: Incoming) => { status: number; body: string };

const acks: Record<Provider, string> = { paycombat: '{"status":"OK"}', fazz: "", topremit: "{}", singleview: '{"status":"OK"}', chaipay: "" };
const ok = (provider: Provider) => ({ status: 200, body: acks[provider] });
const reject = { status: 401, body: '{"error":"invalid signature"}' };

/** A handler done right, from each provider's docs: signature, Topremit's timestamp window and idempotency. */
function correctHandler(provider: Provider, options: { checkTimestamp?: boolean } = {}): Handler {
  const seenExternalIds = new Set<string>();
  return ({ method, url, headers, body }) => {
    switch (provider) {
      case "paycombat":
        return hexBodyHmacValid(body, headers["x-signature"] as string | undefined, aSecret) ? ok(provider) : reject;
      case "fazz":
        return hexBodyHmacValid(body, headers["xfers-signature"] as string | undefined, aSecret) ? ok(provider) : reject;
      case "chaipay":
        return chaipayValid(body, aSecret) !== false ? ok(provider) : reject;
      case "singleview":
        return ok(provider);
      case "topremit": {
        if (!snapValid(method, url, headers, body, aSecret)) return reject;
        const skew = Math.abs(Date.now() - Date.parse(String(headers["x-timestamp"])));
        if (options.checkTimestamp !== false && !(skew <= 5 * 60_000)) return reject;
        seenExternalIds.add(String(headers["x-external-id"]));
        return ok(provider);
      }
    }
  };
}

async function serve(handler: Handler): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = handler({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { "Content-Type": "application/json" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/in?env=test` };
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [whk, ...args], { env: { ...process.env, NO_COLOR: "1", WHK_SECRET: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

interface Report { ok: boolean; failed: number; checks: { check: string; pass: boolean; why?: string; consequence?: string }[]; caveat?: string }

async function probe(provider: Provider, handler: Handler, extra: string[] = []): Promise<{ code: number | null; report: Report; stderr: string }> {
  const { server, url } = await serve(handler);
  try {
    const { code, stdout, stderr } = await run(["probe", provider, "--to", url, "--secret", aSecret, "--json", ...extra]);
    return { code, report: JSON.parse(stdout) as Report, stderr };
  } finally {
    server.close();
  }
}

const failedChecks = (report: Report) => report.checks.filter((c) => !c.pass).map((c) => c.check).sort();

describe("whk probe", () => {
  it.each(["paycombat", "fazz", "topremit", "chaipay", "singleview"] as const)("passes a correct %s handler", async (provider) => {
    const { code, report } = await probe(provider, correctHandler(provider));
    expect(failedChecks(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it("runs every documented check for Topremit", async () => {
    const { report } = await probe("topremit", correctHandler("topremit"));
    expect(report.checks.map((c) => c.check).sort()).toEqual(
      ["missing-signature", "replay", "stale-timestamp", "tampered-body", "valid", "valid", "wrong-path", "wrong-secret"],
    );
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
    const { server, url } = await serve(correctHandler("fazz"));
    const port = (server.address() as AddressInfo).port;
    server.close();
    const late = run(["probe", "fazz-disbursement", "--to", url, "--secret", aSecret, "--wait", "20s", "--json"]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reopened = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answer = correctHandler("fazz")({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(answer.status).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => reopened.listen(port, "127.0.0.1", resolve));
    try {
      const { code } = await late;
      expect(code).toBe(0);
    } finally {
      reopened.close();
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
    [["probe", "stripe", "--to", ":1", "--secret", "x"], /neither a provider nor a fixture/],
    [["probe", "fazz", "--secret", "x"], /needs the handler's URL/],
    [["probe", "fazz", "--to", ":1"], /no secret was given/],
    [["probe", "fazz", "--to", ":1", "--secret", "x", "--wait", "soon"], /not a duration/],
  ])("%j is a usage error", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
