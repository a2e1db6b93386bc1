import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Reply, type TestServer } from "../helpers/http-server.js";
import { outputOf, runWhk, stackFrames } from "../helpers/run-whk.js";
import { xmlProblems } from "../helpers/xml-well-formed.js";

// Text from a flag or the config never writes headers of its own, and text a receiver answers never
// steers the terminal whk prints to, nor breaks the JUnit report it writes.

const dir = mkdtempSync(join(tmpdir(), "whk-injection-"));
const at = (name: string) => join(dir, name);
const secret = ["--secret", "injection-secret"];
let receiver: TestServer;

beforeAll(async () => {
  receiver = await startServer();
  const config = (providers: unknown) => JSON.stringify({ providers });
  writeFileSync(at("nul-header.config.json"), config({ fazz: { headers: { "X-Tenant": "a\u0000b" } } }));
  writeFileSync(at("cr-option.config.json"), config({ topremit: { options: { accessToken: "tok\rX-Evil: 1" } } }));
  writeFileSync(at("defined.config.json"), config({ acme: { signature: { algorithm: "hmac-sha256", header: "X-Acme-Signature" }, headers: { "X-Acme": "1\nX-Evil: 1" } } }));
  writeFileSync(at("format.config.json"), config({ acme: { signature: { algorithm: "hmac-sha256", header: "X-Acme-Signature", format: "v1={signature}\r\nX-Evil: 1" } } }));
  writeFileSync(at("request.json"), JSON.stringify({ method: "POST", url: "http://x/", headers: { "X-Forwarded": "a\r\nX-Evil: 1" }, body: "{}" }));
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

type Case = [name: string, args: () => string[], message: RegExp];

const injections: Case[] = [
  ["send: --header with CR LF", () => ["send", "fazz-va-dynamic", ...secret, "--to", receiver.url, "--header", "X-A: a\r\nX-Evil: 1"], /^whk: --header "X-A: a\\r\\nX-Evil: 1" holds a carriage return \(CR\)/],
  ["show: --header with LF", () => ["show", "fazz-va-dynamic", ...secret, "--header", "X-A: a\nX-Evil: 1"], /holds a line feed \(LF\)/],
  ["send: Topremit's --access-token with LF", () => ["send", "topremit-va", ...secret, "--to", receiver.url, "--access-token", "tok\nX-Evil: 1"], /^whk: --access-token "tok\\nX-Evil: 1" holds a line feed/],
  ["sign: Topremit's --access-token with CR", () => ["sign", at("request.json"), "--provider", "topremit", ...secret, "--access-token", "tok\rX"], /--access-token "tok\\rX" holds a carriage return/],
  ["send: a config header with NUL", () => ["send", "fazz-va-dynamic", ...secret, "--to", receiver.url, "--config", at("nul-header.config.json")], /providers\.fazz\.headers\.X-Tenant: holds a NUL/],
  ["show: a config option with CR", () => ["show", "topremit-va", ...secret, "--config", at("cr-option.config.json")], /providers\.topremit\.options\.accessToken: holds a carriage return/],
  ["send: a defined provider's header with LF", () => ["send", "--provider", "acme", ...secret, "--to", receiver.url, "--config", at("defined.config.json")], /providers\.acme\.headers\.X-Acme: holds a line feed/],
  ["send: a defined provider's signature format with CR LF", () => ["send", "--provider", "acme", ...secret, "--to", receiver.url, "--config", at("format.config.json")], /providers\.acme\.signature\.format: holds a carriage return/],
  ["send: a secret Xendit sends as its token", () => ["send", "xendit-invoice-paid", "--secret", "tok\nX-Evil: 1", "--to", receiver.url], /xendit-invoice-paid: the value of x-callback-token holds a line feed/],
  ["probe: a secret Xendit sends as its token", () => ["probe", "xendit", "--secret", "tok\nX-Evil: 1", "--to", receiver.url], /the value of x-callback-token holds a line feed/],
  ["scenario run: --header with LF", () => ["scenario", "run", "paycombat-va-payin", ...secret, "--to", receiver.url, "--header", "X-A: 1\nX-Evil: 1"], /holds a line feed/],
  ["send --from: a request file's header with CR LF", () => ["send", "--from", at("request.json"), "--to", receiver.url], /request\.json: the value of X-Forwarded holds a carriage return/],
];

describe.concurrent("CR, LF or NUL in a header from any flag or config", { timeout: 60_000 }, () => {
  it.each(injections)("%s: exit 2 before anything is printed or sent", async (_name, args, message) => {
    const run = await runWhk(args(), { timeoutMs: 60_000 });
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stdout, outputOf(run)).toBe("");
    expect(run.stderr, outputOf(run)).toMatch(message);
    expect(run.stderr, outputOf(run)).toMatch(/^whk: [^\n]+\n {2}hint: [^\n]+\n$/);
    expect(stackFrames(run.stderr), outputOf(run)).toEqual([]);
  });

  it("nothing reached the receiver", () => {
    expect(receiver.requests).toEqual([]);
  });
});

/** What a hostile receiver answers (with a 200, so the checks that accept it go on to the next): cursor moves, a retitle, a bidi override, a fake result line, NUL, `]]>`. */
const HOSTILE_BODY = "\u001b[2J\u001b]0;pwned\u0007\r✓ all 99 checks passed\n\u202eevil\u0000 ]]> \u009b31m";
const hostile: Reply = { status: 200, headers: { "content-type": "text/plain\u009b2J" }, body: HOSTILE_BODY };
/** What no line whk prints may hold once a receiver's text is in it: C0 (but LF) and C1 controls, bidi overrides. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("a receiver's answer, printed", { timeout: 60_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(() => hostile);
  });
  afterAll(() => server.close());

  // Each with whether it shows the answer's body (a scenario run shows only why a step failed, and every step passes here).
  const commands: [name: string, args: () => string[], showsBody: boolean][] = [
    ["send", () => ["send", "fazz-va-dynamic", ...secret, "--to", server.url], true],
    ["send --json", () => ["send", "fazz-va-dynamic", ...secret, "--to", server.url, "--json"], true],
    ["send --count (the first failure)", () => ["send", "fazz-va-dynamic", ...secret, "--to", server.url, "--count", "2", "--expect-body", "ok"], true],
    ["probe", () => ["probe", "fazz", ...secret, "--to", server.url], true],
    ["probe --json", () => ["probe", "fazz", ...secret, "--to", server.url, "--json"], true],
    ["scenario run", () => ["scenario", "run", "paycombat-va-payin", ...secret, "--to", server.url], false],
    ["scenario run --json", () => ["scenario", "run", "paycombat-va-payin", ...secret, "--to", server.url, "--json"], true],
  ];

  it.each(commands)("%s: control characters are written out, and no line is the receiver's", async (_name, args, showsBody) => {
    const run = await runWhk(args(), { timeoutMs: 60_000 });
    expect([0, 1], outputOf(run)).toContain(run.code);
    expect(run.stdout + run.stderr, outputOf(run)).not.toMatch(RAW_CONTROL);
    expect(run.stdout, outputOf(run)).not.toMatch(/^✓ all 99/m);
    if (showsBody) expect(run.stdout, outputOf(run)).toMatch(/\\(x1b|u001b)\[2J/);
  });

  it("verify: what a capture's sender chose (body, signature, URL) is written out too", async () => {
    const capture = at("hostile-capture.json");
    writeFileSync(capture, JSON.stringify({ method: "POST", url: "http://x/\u001b[2J", headers: { "Content-Type": "application/json", "Xfers-Signature": "0".repeat(64) }, body: HOSTILE_BODY }));
    for (const extra of [[], ["--json"], ["--show-preimage"]]) {
      const run = await runWhk(["verify", capture, ...secret, "--provider", "fazz", ...extra]);
      expect(run.code, outputOf(run)).toBe(1);
      expect(run.stdout + run.stderr, outputOf(run)).not.toMatch(RAW_CONTROL);
    }
  });

  it("probe --junit: the report is well-formed XML and still shows what was answered", async () => {
    const junit = at("hostile.xml");
    const run = await runWhk(["probe", "fazz", ...secret, "--to", server.url, "--junit", junit], { timeoutMs: 60_000 });
    expect(run.code, outputOf(run)).toBe(1);
    const xml = readFileSync(junit, "utf8");
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain("]]&gt;");
  });
});
