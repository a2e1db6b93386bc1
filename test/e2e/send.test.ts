import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { acknowledgeAll, startServer, type TestServer } from "../helpers/http-server.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { jsonLines, outputOf, runWhk, stackFrames } from "../helpers/run-whk.js";

/** Hex, so it is a key for every scheme (some hex-decode the secret). */
const aSecret = "e2e5e9d7f2a04b6c";

interface Delivery {
  type: string;
  fixture: string;
  provider: string;
  url: string;
  attempt: number;
  status: number | null;
  latencyMs: number;
  ok: boolean;
  reason?: string;
  error?: string;
  expected: string;
  response?: { headers: Record<string, string>; body: string };
}

describe("whk send: signed deliveries a real receiver accepts", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(acknowledgeAll);
  });
  afterAll(() => server.close());

  it("signs every fixture the way its provider documents, in one call", async () => {
    // Given every bundled fixture, as `whk list --json` enumerates them
    const list = await runWhk(["list", "--json"]);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(50);
    const before = server.requests.length;
    // When they are all sent to the receiver
    const sent = await runWhk(["send", ...ids, "--to", `${server.url}webhooks/in?env=test`, "--secret", aSecret, "--json"]);
    // Then each arrived once, in order, signed as its provider's docs say, and each answer was judged a success
    expect(sent.stderr).toBe("");
    expect(sent.code, outputOf(sent)).toBe(0);
    const received = server.requests.slice(before);
    expect(received).toHaveLength(ids.length);
    ids.forEach((id, i) => {
      const request = received[i]!;
      expect(request.method).toBe("POST");
      expect(request.url).toBe("/webhooks/in?env=test");
      expect(checkDelivery(id, request, aSecret), id).toMatchObject({ ok: true });
    });
    const deliveries = jsonLines<Delivery>(sent.stdout);
    expect(deliveries.map((d) => d.fixture)).toEqual(ids);
    expect(deliveries.every((d) => d.type === "delivery" && d.ok && d.status === 200 && d.attempt === 1 && d.latencyMs >= 0)).toBe(true);
    expect(deliveries.find((d) => d.fixture === "singleview-payment-status")?.expected).toBe('JSON {"status":"OK"}');
    expect(sent.stdout).not.toContain(aSecret);
  });

  it("renders fresh ids and a fresh X-EXTERNAL-ID on each send, and the same body for the same --seed", async () => {
    const before = server.requests.length;
    const args = ["send", "topremit-va", "--to", server.url, "--secret", aSecret];
    for (const extra of [[], [], ["--seed", "42"], ["--seed", "42"]]) expect((await runWhk([...args, ...extra])).code).toBe(0);
    const [first, second, seededA, seededB] = server.requests.slice(before);
    expect(first!.body.equals(second!.body)).toBe(false);
    expect(first!.headers["x-external-id"]).not.toBe(second!.headers["x-external-id"]);
    expect(seededA!.body.equals(seededB!.body)).toBe(true);
    expect(seededA!.headers["x-external-id"]).toBe(seededB!.headers["x-external-id"]);
  });

  it("prints status, latency, the answer's content type and body for people", async () => {
    const result = await runWhk(["send", "paycombat-payout-success", "--to", server.url, "--secret", aSecret]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^✓ paycombat-payout-success → ${server.url.replace(/[.]/g, "\\.")}  HTTP 200 OK  [\\d.]+ms\\n`));
    expect(result.stdout).toContain("content-type: application/json");
    expect(result.stdout).toContain('{"status":"OK","success":true}');
  });

  it("reaches a receiver on 127.0.0.1 through --to localhost:PORT", async () => {
    const before = server.requests.length;
    const result = await runWhk(["send", "fazz-va-dynamic", "--to", `localhost:${server.port}/cb`, "--secret", aSecret, "--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    expect(jsonLines<Delivery>(result.stdout)[0]?.url).toBe(`http://localhost:${server.port}/cb`);
    expect(server.requests[before]?.url).toBe("/cb");
  });

  it("sends every event of a provider with --provider", async () => {
    const before = server.requests.length;
    const result = await runWhk(["send", "--provider", "fazz", "--to", server.url, "--secret", aSecret, "--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    const fixtures = jsonLines<Delivery>(result.stdout).map((d) => d.fixture);
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    expect(fixtures.every((id) => id.startsWith("fazz-"))).toBe(true);
    server.requests.slice(before).forEach((request, i) => expect(checkDelivery(fixtures[i]!, request, aSecret)).toMatchObject({ ok: true }));
  });

  it("applies --set, --header and --data, and still signs the provider's way", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whk-send-"));
    const custom = join(dir, "body.json");
    writeFileSync(custom, '{\n  "id": "contract_12345678"\n}\n');
    const before = server.requests.length;
    const setAndHeader = await runWhk(["send", "paycombat-payout-success", "--to", server.url, "--secret", aSecret, "--set", "original_amount=75", "--set", "conversion:={\"rate\":1.5}", "--header", "X-Trace: e2e-1"]);
    const data = await runWhk(["send", "fazz-va-dynamic", "--to", server.url, "--secret", aSecret, "--data", `@${custom}`]);
    const stdin = await runWhk(["send", "topremit-va", "--to", server.url, "--secret", aSecret, "--data", "-"], { input: '{ "trxId": "from stdin" }' });
    expect([setAndHeader.code, data.code, stdin.code]).toEqual([0, 0, 0]);
    const [withSet, withData, withStdin] = server.requests.slice(before);
    const parsed = JSON.parse(withSet!.body.toString()) as Record<string, unknown>;
    expect(parsed["original_amount"]).toBe("75");
    expect(parsed["conversion"]).toEqual({ rate: 1.5 });
    expect(withSet!.headers["x-trace"]).toBe("e2e-1");
    expect(checkDelivery("paycombat-payout-success", withSet!, aSecret)).toMatchObject({ ok: true });
    expect(withData!.body.toString()).toBe('{\n  "id": "contract_12345678"\n}\n');
    expect(checkDelivery("fazz-va-dynamic", withData!, aSecret)).toMatchObject({ ok: true });
    expect(withStdin!.body.toString()).toBe('{ "trxId": "from stdin" }');
    expect(checkDelivery("topremit-va", withStdin!, aSecret)).toMatchObject({ ok: true });
  });

  it("sends a form callback (Duitku) with --set editing its fields in place, signed over the decoded values", async () => {
    const before = server.requests.length;
    const result = await runWhk(["send", "duitku-payment-success", "--to", server.url, "--secret", aSecret, "--set", "amount=25000", "--set", "productDetail=Kopi susu & roti/2"]);
    expect(result.code, outputOf(result)).toBe(0);
    const request = server.requests[before]!;
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const body = request.body.toString();
    expect(body).toMatch(/^merchantCode=D0001&amount=25000&merchantOrderId=\d{10}&productDetail=Kopi\+susu\+%26\+roti%2F2&additionalParam=&/);
    expect(checkDelivery("duitku-payment-success", request, aSecret)).toMatchObject({ ok: true });
  });

  it("--save writes each request exactly as sent, ready for `whk verify`, and never the secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whk-save-"));
    const before = server.requests.length;
    const toDir = await runWhk(["send", "topremit-va", "chaipay-payin", "topremit-va", "--to", server.url, "--secret", aSecret, "--save", `${dir}/captures/`]);
    const toFile = await runWhk(["send", "fazz-disbursement", "--to", server.url, "--secret", aSecret, "--save", join(dir, "one.json")]);
    const toNdjson = await runWhk(["send", "fazz-disbursement", "paycombat-va-register", "--to", server.url, "--secret", aSecret, "--save", join(dir, "many.ndjson")]);
    expect([toDir.code, toFile.code, toNdjson.code]).toEqual([0, 0, 0]);
    const received = server.requests.slice(before);

    expect(readdirSync(join(dir, "captures")).sort()).toEqual(["chaipay-payin-1.json", "topremit-va-1.json", "topremit-va-2.json"]);
    const saved = ["topremit-va-1.json", "chaipay-payin-1.json", "topremit-va-2.json"].map((name) => {
      const text = readFileSync(join(dir, "captures", name), "utf8");
      expect(text).not.toContain(aSecret);
      return parseRequestFile(text, name);
    });
    saved.forEach((request, i) => {
      expect(request.body.equals(received[i]!.body)).toBe(true);
      expect(request.url).toBe(server.url);
      expect(request.headers["X-SIGNATURE"] ?? "").toBe(received[i]!.headers["x-signature"] ?? "");
    });
    const one = parseRequestFile(readFileSync(join(dir, "one.json"), "utf8"), "one.json");
    expect(one.body.equals(received[3]!.body)).toBe(true);
    expect(one.fixture).toBe("fazz-disbursement");
    const lines = readFileSync(join(dir, "many.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines.map((line) => parseRequestFile(line, "many").fixture)).toEqual(["fazz-disbursement", "paycombat-va-register"]);
    expect(readdirSync(dir).filter((name) => name.includes("tmp"))).toEqual([]);
  });

  it("judges by --expect-status and --expect-body instead of the provider's rule", async () => {
    const rejecting = await startServer(() => ({ status: 401, headers: { "content-type": "application/json", "www-authenticate": "HMAC" }, body: '{"error": "bad signature"}' }));
    try {
      const asserted = await runWhk(["send", "paycombat-payin-success", "--to", rejecting.url, "--secret", "wrong", "--expect-status", "401", "--expect-body", '{"error":"bad signature"}']);
      expect(asserted.code, outputOf(asserted)).toBe(0);
      expect(asserted.stdout).toContain("www-authenticate: HMAC");
      const classes = await runWhk(["send", "paycombat-payin-success", "--to", rejecting.url, "--secret", "wrong", "--expect-status", "200,4xx"]);
      expect(classes.code, outputOf(classes)).toBe(0);
      const byDefault = await runWhk(["send", "paycombat-payin-success", "--to", rejecting.url, "--secret", "wrong", "--json"]);
      expect(byDefault.code, outputOf(byDefault)).toBe(1);
      expect(jsonLines<Delivery>(byDefault.stdout)[0]).toMatchObject({ ok: false, status: 401, reason: "not-acknowledged" });
      const wrongExpectation = await runWhk(["send", "paycombat-payin-success", "--to", server.url, "--secret", aSecret, "--expect-status", "401"]);
      expect(wrongExpectation.code, outputOf(wrongExpectation)).toBe(1);
      expect(wrongExpectation.stdout).toContain("expected status 401, got 200");
      const wrongBody = await runWhk(["send", "paycombat-payin-success", "--to", rejecting.url, "--secret", "x", "--expect-status", "401", "--expect-body", "nope"]);
      expect(wrongBody.code, outputOf(wrongBody)).toBe(1);
    } finally {
      await rejecting.close();
    }
  });

  it("does not follow redirects, as providers don't", async () => {
    const redirecting = await startServer(() => ({ status: 302, headers: { location: "/elsewhere" } }));
    try {
      const result = await runWhk(["send", "fazz-va-dynamic", "--to", redirecting.url, "--secret", aSecret]);
      expect(result.code, outputOf(result)).toBe(1);
      expect(redirecting.requests).toHaveLength(1);
      expect(result.stdout).toContain("location: /elsewhere");
      expect(result.stdout).toContain("redirects are not followed");
    } finally {
      await redirecting.close();
    }
  });

  it.for<[string[], string]>([
    [["send", "topremit-va", "--to", "127.0.0.1:1", "--secret", "a", "--secret", "b"], "signing uses one secret"],
    [["send"], "name at least one fixture"],
    [["send", "nope-fixture", "--secret", "s"], 'unknown fixture "nope-fixture"'],
    [["send", "fazz-va-dynamic", "--secret", "s", "--to", "ftp://x/"], "not http or https"],
    [["send", "fazz-va-dynamic", "--secret", "s", "--expect-status", "abc"], "--expect-status"],
    [["send", "fazz-va-dynamic", "--secret", "s", "--timeout", "soon"], "--timeout"],
    [["send", "fazz-va-dynamic", "--secret", "s", "--retry-speed", "10"], "--retry-speed only applies with --retries"],
    [["send", "fazz-va-dynamic", "--secret", "s", "--retries", "--retry-speed", "0"], "--retry-speed"],
    [["send", "fazz-va-dynamic", "--secret", "s", "--save", "/no/such/dir/x.json"], "does not exist"],
  ])("usage errors exit 2 before sending: %j", { concurrent: true }, async ([args, message], { expect }) => {
    const result = await runWhk(args);
    expect(result.code, outputOf(result)).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("hint:");
    expect(stackFrames(result.stderr)).toEqual([]);
  });
});
