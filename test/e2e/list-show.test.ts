import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { runWhkSync } from "../helpers/run-whk.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-show-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) => runWhkSync(args, { env });

const aSecret = "e2e-secret-71c4";

describe("whk list", () => {
  it("prints a table of every fixture", () => {
    const { code, stdout } = run(["list"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID\s+PROVIDER\s+EVENT\s+SIGNATURE\s+PROVENANCE/);
    expect(stdout).toMatch(/topremit-va\s+topremit\s+.*snap-hmac-sha512\s+reconstructed/);
    const fixtures = JSON.parse(run(["list", "--json"]).stdout) as unknown[];
    expect(stdout.trim().split("\n")).toHaveLength(fixtures.length + 1);
    expect(stdout).toMatch(/2c2p-payment-success\s+2c2p\s+/);
  });

  it("filters by provider and prints JSON", () => {
    const { code, stdout } = run(["list", "--provider", "fazz", "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; provider: string; event: string }[];
    expect(rows.map((r) => r.id)).toContain("fazz-va-unlimited");
    expect(rows.every((r) => r.provider === "fazz" && r.event !== "")).toBe(true);
  });

  it("says, under one provider's fixtures, how it signs, what it expects, how it retries and where its docs are", () => {
    const { code, stdout } = run(["list", "--provider", "fazz"]);
    expect(code).toBe(0);
    expect(stdout).toContain("signature: Xfers-Signature: hex HMAC-SHA256(secret, body)");
    expect(stdout).toContain("expects:   HTTP 200");
    expect(stdout).toMatch(/retries: +up to 20 attempts; waits of 5, 10, 15 \.\.\. minutes/);
    expect(stdout).toContain("https://docs.xfers.com/docs/callback-retry-logic");
  });

  it("rejects an unknown provider with exit 2 and a hint", () => {
    const { code, stderr } = run(["list", "--provider", "acmepay-unknown"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^whk: unknown provider "acmepay-unknown"\n {2}hint: choose one of paycombat, fazz, topremit, singleview, chaipay(, [a-z0-9-]+)*\n$/);
  });

  it.each([
    ["midtrans", "body.signature_key: hex SHA-512({field:order_id}{field:status_code}{field:gross_amount}{secret})", "HTTP 200 (any 2xx counts)", /retries: +the number depends on your answer: 500 once, 503 4 times, .*; at 2, 10, 30, 90 and 210 min, .*duplicated and out of order/],
    ["xendit", "x-callback-token: the secret itself (a static token, compared as is)", "any HTTP 2xx within 30 s", /retries: +6 retries, 15 min, 45 min, 2 h, 3 h, 6 h and 12 h/],
    ["doku", "Signature (HMACSHA256={signature}): base64 HMAC-SHA256(secret, Client-Id:{header:Client-Id}", "any HTTP 2xx", /retries: +3 retries: 30 min, 5 h 30 min and 11 h 30 min/],
    ["doku-snap", "X-SIGNATURE: base64 HMAC-SHA512(secret, METHOD:path:token:sha256(minify(body)):X-TIMESTAMP)", "any HTTP 2xx", /retries: +3 retries/],
    ["tripay", "X-Callback-Signature: hex HMAC-SHA256(secret, body)", 'JSON {"success":true}', /retries: +no retry schedule found in Tripay's docs/],
    ["duitku", "body.signature: hex MD5({field:merchantCode}{field:amount}{field:merchantOrderId}{secret})", "HTTP 200", /retries: +no retry schedule found in Duitku's docs/],
  ])("list --provider %s shows its scheme, acknowledgement and retries", (provider, signature, expects, retries) => {
    const { code, stdout } = run(["list", "--provider", provider]);
    expect(code).toBe(0);
    expect(stdout).toContain(`signature: ${signature}`);
    expect(stdout).toContain(`expects:   ${expects}`);
    expect(stdout).toMatch(retries);
  });
});

describe("whk show", () => {
  it("prints a request file that verifies, for the target's path and query", () => {
    const { code, stdout } = run(["show", "topremit-va", "--secret", aSecret, "--to", "127.0.0.1:9/hooks/topremit?env=ci", "--json"]);
    expect(code).toBe(0);
    const request = parseRequestFile(stdout, "stdout");
    expect(request.url).toBe("http://127.0.0.1:9/hooks/topremit?env=ci");
    expect(verifyRequest(request, { secret: aSecret })).toMatchObject({ ok: true, reason: "valid-signature", provider: "topremit" });
    expect(stdout).not.toContain(aSecret);
  });

  it("prints method, URL, every header and the body", () => {
    const { code, stdout } = run(["show", "fazz-va-dynamic", "--secret", aSecret]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^POST http:\/\/localhost:4400\/\nContent-Type: application\/json\nXfers-Signature: [0-9a-f]{64}\n\n\{"data":/);
  });

  it("reproduces the body exactly with --seed", () => {
    const body = (out: string) => JSON.parse(out).body as string;
    const first = run(["show", "chaipay-payin", "--secret", aSecret, "--seed", "42", "--json"]);
    const second = run(["show", "chaipay-payin", "--secret", aSecret, "--seed", "42", "--json"]);
    const other = run(["show", "chaipay-payin", "--secret", aSecret, "--seed", "43", "--json"]);
    expect(body(first.stdout)).toBe(body(second.stdout));
    expect(body(first.stdout)).not.toBe(body(other.stdout));
  });

  it("applies --set, --data and --header before signing", () => {
    const dataFile = join(scratch, "custom.json");
    writeFileSync(dataFile, '{"data":{"id":"mine","attributes":{"amount":"1.00"}}}');
    const { code, stdout } = run([
      "show", "fazz-va-dynamic", "--secret", aSecret, "--json", "--data", `@${dataFile}`,
      "--set", "data.attributes.amount=25.00", "--set", "data.attributes.count:=3", "--header", "X-Trace: abc",
    ]);
    expect(code).toBe(0);
    const request = parseRequestFile(stdout, "stdout");
    expect(request.body.toString()).toBe('{"data":{"id":"mine","attributes":{"amount":"25.00","count":3}}}');
    expect(request.headers["X-Trace"]).toBe("abc");
    expect(verifyRequest(request, { secret: aSecret }).ok).toBe(true);
  });

  it("reads the secret from --secret-file and from WHK_SECRET", () => {
    const secretFile = join(scratch, "secret.txt");
    writeFileSync(secretFile, `${aSecret}\n`);
    for (const [args, env] of [[["--secret-file", secretFile], {}], [[], { WHK_SECRET: aSecret }]] as const) {
      const { code, stdout } = run(["show", "paycombat-payout-success", "--json", ...args], env);
      expect(code).toBe(0);
      expect(verifyRequest(parseRequestFile(stdout, "stdout"), { secret: aSecret }).ok).toBe(true);
    }
  });

  it("prints a curl command that reproduces the bytes", () => {
    const { code, stdout } = run(["show", "paycombat-va-register", "--secret", aSecret, "--format", "curl", "--seed", "1"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^printf '%b' '\{"status":"APPROVED".*\}' \|\n  curl -sS -X POST 'http:\/\/localhost:4400\/' \\\n  -H 'Content-Type: application\/json' \\\n  -H 'X-Signature: [0-9a-f]{64}' \\\n  --data-binary @-\n$/);
  });

  it("with no secret anywhere, signs with the default test secret and says so once on stderr", () => {
    const { code, stdout, stderr } = run(["show", "topremit-va", "--json"], { WHK_SECRET: "" });
    expect(code).toBe(0);
    expect(stderr).toBe("whk: signed with the default test secret whk-test-secret; pass --secret, set WHK_SECRET or configure it\n");
    const request = parseRequestFile(stdout, "show");
    expect(verifyRequest(request, { secret: "whk-test-secret", now: new Date(request.headers["X-TIMESTAMP"] as string) })).toMatchObject({ ok: true });
  });

  it("signs nothing for SingleView, and needs no secret", () => {
    const { code, stdout } = run(["show", "singleview-payment-status"]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/signature/i);
  });

  it.each([
    [["show", "topremit-va", "--secret", "a", "--secret", "b"], /signing uses one secret/],
    [["show", "topremit-vaa", "--secret", "x"], /unknown fixture "topremit-vaa"/],
    [["show", "topremit-va", "--secret", "x", "--to", "ftp://x"], /not http or https/],
    [["show", "topremit-va", "--secret", "x", "--set", "nokey"], /has no "="/],
    [["show", "topremit-va", "--secret", "x", "--set", "a:={bad"], /is not JSON/],
    [["show", "topremit-va", "--secret", "x", "--data", "@/nonexistent/body.json"], /does not exist/],
    [["show", "topremit-va", "--secret-file", "/nonexistent"], /does not exist/],
    [["show", "topremit-va", "--secret", "x", "--seed", "abc"], /not a whole number/],
    [["show", "topremit-va", "--secret", "x", "--bogus"], /unknown option '--bogus'/],
    [["show", "topremit-va", "--secret", "x", "--format", "xml"], /invalid/i],
  ])("%j is a usage error (exit 2, one clear line, no stack)", (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^whk: .*\n  hint: .*\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("whk itself", () => {
  it("prints help with examples and exit codes, and its version", () => {
    const help = run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("Exit codes:");
    expect(run(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
