import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { runWhk } from "../helpers/run-whk.js";
import { secretFifo } from "../helpers/secret-fifo.js";
import { aSecret, anInstant, requestFileText, run, signedFixture } from "../helpers/verify-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-verify-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function saved(name: string, request: WebhookRequest): string {
  const path = join(scratch, name);
  writeFileSync(path, requestFileText(request));
  return path;
}

const withBody = (request: WebhookRequest, body: string): WebhookRequest => ({ ...request, body: Buffer.from(body) });

describe("whk verify: verdicts and exit codes", () => {
  it("a genuine Topremit capture is valid (exit 0), and says how the provider was detected", () => {
    const { code, stdout, stderr } = run(["verify", saved("good.json", signedFixture("topremit-va")), "--secret", aSecret, "--at", anInstant]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ \S+good\.json {2}topremit {2}valid-signature: X-SIGNATURE matches/);
    expect(stdout).toContain('detected: the request file names "topremit"');
  });

  it("a body pretty-printed after signing: exit 1, and the explain line names it", () => {
    const request = signedFixture("paycombat-payout-success");
    const pretty = withBody(request, JSON.stringify(JSON.parse(request.body.toString()), null, 2));
    const { code, stdout } = run(["verify", saved("pretty.json", pretty), "--secret", aSecret]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✗ \S+pretty\.json {2}paycombat {2}bad-signature: /);
    expect(stdout).toContain("why (body-reformatted): the signature matches the body as it was before your framework pretty-printed it: the body was re-formatted after signing (2-space indentation added)");
    expect(stdout).toMatch(/received body: \d+ bytes, 2-space indentation\n\s+signed body: \d+ bytes, compact/);
  });

  it("a wrong secret: no variation matches, so the exact string-to-sign is printed, and the secret never is", () => {
    const { code, stdout, stderr } = run(["verify", saved("fazz.json", signedFixture("fazz-va-dynamic")), "--secret", "wrong-secret-a41"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/why: no common mistake explains it \(\d+ variations tried\)/);
    expect(stdout).toMatch(/string-to-sign \(\d+ bytes\): "\{/);
    expect(stdout + stderr).not.toContain("wrong-secret-a41");
  });

  it("a secret with a stray newline is named without printing it", () => {
    const { code, stdout } = run(["verify", saved("fazz2.json", signedFixture("fazz-va-dynamic")), "--secret", `${aSecret}\n`]);
    expect(code).toBe(1);
    expect(stdout).toContain("why (secret-whitespace): the signature matches the secret with surrounding whitespace trimmed");
    expect(stdout).not.toContain(aSecret);
  });

  it("key rotation: --secret repeated, any match passes and the output says which position", () => {
    const { code, stdout } = run(["verify", saved("rot.json", signedFixture("chaipay-payin")), "--secret", "old-key", "--secret", aSecret]);
    expect(code).toBe(0);
    expect(stdout).toContain("(secret #2 of the ones given)");
  });

  it("SingleView: a warning that no signature is documented, exit 0, never 'valid'", () => {
    const { code, stdout } = run(["verify", saved("sv.json", signedFixture("singleview-payment-status"))]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^! \S+sv\.json {2}singleview {2}unsigned-provider: SingleView documents no webhook signature/);
    expect(stdout).not.toMatch(/valid/i);
  });

  it("Topremit's timestamp: stale against receivedAt (exit 1); --at judges an old capture; --tolerance widens", () => {
    const stale = saved("stale.json", { ...signedFixture("topremit-va"), receivedAt: "2025-05-15T05:45:00.000Z" });
    const late = run(["verify", stale, "--secret", aSecret]);
    expect(late.code).toBe(1);
    expect(late.stdout).toContain("timestamp-out-of-tolerance: X-TIMESTAMP is 10m old (tolerance 5m)");
    expect(run(["verify", stale, "--secret", aSecret, "--at", "2025-05-15T12:35:00+07:00"]).code).toBe(0);
    expect(run(["verify", stale, "--secret", aSecret, "--tolerance", "15m"]).code).toBe(0);
  });

  it("--provider overrides detection; an unknown provider is invalid with a hint", () => {
    const request = signedFixture("fazz-va-dynamic");
    const anonymous = saved("anon.json", { ...request, headers: { "Content-Type": "application/json" }, provider: undefined } as unknown as WebhookRequest);
    const unknown = run(["verify", anonymous, "--secret", aSecret]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain("unknown-provider");
    expect(unknown.stdout).toContain("hint: pass --provider");
    const forced = run(["verify", anonymous, "--secret", aSecret, "--provider", "fazz"]);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain("fazz  missing-signature");
    expect(forced.stdout).toContain("detected: --provider");
  });

  it("--show-preimage prints the string-to-sign of a valid request", () => {
    const { stdout } = run(["verify", saved("pre.json", signedFixture("topremit-va")), "--secret", aSecret, "--at", anInstant, "--show-preimage"]);
    expect(stdout).toMatch(/string-to-sign \(\d+ bytes\): "POST:\/webhooks\/in:[A-Za-z0-9]+:[0-9a-f]{64}:2025-05-15T12:34:31\+07:00"/);
  });

  it("a batch: one line per request, a summary, exit 1 when any is invalid", () => {
    const good = saved("b1.json", signedFixture("fazz-va-dynamic"));
    const bad = saved("b2.json", withBody(signedFixture("fazz-va-dynamic"), "{}"));
    const unsigned = saved("b3.json", signedFixture("singleview-payment-charge"));
    const { code, stdout } = run(["verify", good, bad, unsigned, "--secret", aSecret]);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter((line) => /^[✓✗!] /.test(line))).toHaveLength(3);
    expect(stdout).toMatch(/3 requests: 1 valid, 1 invalid, 1 unsigned\n$/);
    expect(run(["verify", good, unsigned, "--secret", aSecret]).code).toBe(0);
  });

  it("a batch reads --secret-file once, not once per request: a FIFO, which can be read only once, verifies three captures", async () => {
    const files = ["fazz-va-dynamic", "paycombat-payin-success", "fazz-disbursement"].map((id, index) => saved(`once${index}.json`, signedFixture(id)));
    const fifo = secretFifo(scratch, aSecret);
    const result = await runWhk(["verify", ...files, "--secret-file", fifo.path], { timeoutMs: 10_000 });
    fifo.stop();
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/3 requests: 3 valid, 0 invalid, 0 unsigned\n$/);
    expect(result.code).toBe(0);
  });
});

describe("whk verify --json", () => {
  it("prints NDJSON, one object per request with stable keys, and the explain", () => {
    const request = signedFixture("paycombat-payout-success");
    const files = [saved("j1.json", request), saved("j2.json", withBody(request, `${request.body.toString()}\n`)), saved("j3.json", signedFixture("singleview-payment-status"))];
    const { code, stdout } = run(["verify", ...files, "--secret", aSecret, "--json"]);
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l["source"], l["ok"], l["verdict"], l["reason"]])).toEqual([
      [files[0], true, "valid", "valid-signature"],
      [files[1], false, "invalid", "bad-signature"],
      [files[2], false, "unsigned", "unsigned-provider"],
    ]);
    expect(Object.keys(lines[1] ?? {})).toEqual(["source", "ok", "verdict", "provider", "detectedBy", "reason", "detail", "explain", "warnings"]);
    expect(lines[1]?.["explain"]).toMatchObject({ cause: "body-trailing-newline", evidence: expect.any(Array), tried: 1 });
  });
});
