import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAll, closedPort, startServer, type TestServer } from "../helpers/http-server.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { jsonLines, outputOf, runWhk, stackFrames } from "../helpers/run-whk.js";

const aSecret = "e2e-load-secret-5b1e";

interface Summary {
  type: "summary";
  sent: number;
  succeeded: number;
  failed: number;
  failures: Record<string, number>;
  concurrency: number;
  requestsPerSecond: number;
  answered: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

describe("whk send --count --concurrency: a load test of fresh, signed renders", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(acknowledgeAll);
  });
  afterAll(() => server.close());

  it("sends N distinct signed renders and ends with a summary object", async () => {
    const before = server.requests.length;
    const result = await runWhk(["send", "topremit-va", "--to", server.url, "--secret", aSecret, "--count", "40", "--concurrency", "4", "--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    const lines = jsonLines<Record<string, unknown>>(result.stdout);
    expect(lines).toHaveLength(41);
    expect(lines.slice(0, 40).every((line) => line["type"] === "delivery" && line["ok"] === true)).toBe(true);
    const summary = lines[40] as unknown as Summary;
    expect(summary).toMatchObject({ type: "summary", sent: 40, succeeded: 40, failed: 0, failures: {}, concurrency: 4 });
    expect(summary.requestsPerSecond).toBeGreaterThan(0);
    expect(summary.latencyMs.p50).toBeLessThanOrEqual(summary.latencyMs.p99);
    const received = server.requests.slice(before);
    expect(received).toHaveLength(40);
    expect(new Set(received.map((r) => r.headers["x-external-id"])).size).toBe(40);
    expect(new Set(received.map((r) => r.body.toString())).size).toBe(40);
    for (const request of received) expect(checkDelivery("topremit-va", request, aSecret)).toMatchObject({ ok: true });
    // stderr is not a terminal here, so no progress line is drawn
    expect(result.stderr).toBe("");
  });

  it("cycles through several fixtures and prints a human summary with failures by cause", async () => {
    const picky = await startServer((request) => (request.body.toString().includes("svWebHook") ? { status: 500 } : { status: 200 }));
    try {
      const result = await runWhk(["send", "fazz-va-dynamic", "singleview-payment-status", "--to", picky.url, "--secret", aSecret, "--count", "10", "--concurrency", "3"]);
      expect(result.code, outputOf(result)).toBe(1);
      expect(result.stdout).toMatch(/^sent 10 to http:\/\/127\.0\.0\.1:\d+\/ in [\d.]+s: 5 succeeded, 5 failed\n/);
      expect(result.stdout).toMatch(/req\/s at concurrency 3/);
      expect(result.stdout).toMatch(/latency p50 [\d.]+ms {2}p95 [\d.]+ms {2}p99 [\d.]+ms/);
      expect(result.stdout).toContain("failed: 5 HTTP 500");
      expect(result.stdout).toContain("first failure: singleview-payment-status");
      expect(picky.requests).toHaveLength(10);
    } finally {
      await picky.close();
    }
  });

  it.for([
    ["--count", "-5"],
    ["--count", "0"],
    ["--count", "1.5"],
    ["--count", "many"],
    ["--concurrency", "0"],
    ["--concurrency", "2.5"],
  ])("rejects %s %s with exit 2", { concurrent: true }, async ([flag = "", value = ""], { expect }) => {
    const args = ["send", "fazz-va-dynamic", "--to", server.url, "--secret", aSecret, ...(flag === "--count" ? [] : ["--count", "5"]), flag, value];
    const result = await runWhk(args);
    expect(result.code, outputOf(result)).toBe(2);
    expect(result.stderr).toContain(`${flag} "${value}" is not a whole number`);
    expect(stackFrames(result.stderr)).toEqual([]);
  });

  it("sent nothing for any of the rejected flags", () => {
    expect(server.requests.filter((request) => request.headers["xfers-signature"] !== undefined)).toEqual([]);
  });

  it("a load run that gets no answer says so, and times only the answers that came", async () => {
    const port = await closedPort();
    const refused = await runWhk(["send", "fazz-va-dynamic", "--to", `127.0.0.1:${port}`, "--secret", aSecret, "--count", "20", "--concurrency", "5"]);
    expect(refused.code, outputOf(refused)).toBe(1);
    expect(refused.stdout).toContain("0 succeeded, 20 failed");
    expect(refused.stdout).toContain("failed: 20 refused");
    expect(refused.stdout).toContain("  latency: no answer came back\n");
    const json = await runWhk(["send", "fazz-va-dynamic", "--to", `127.0.0.1:${port}`, "--secret", aSecret, "--count", "4", "--json"]);
    expect(jsonLines<Summary>(json.stdout).at(-1)).toMatchObject({ type: "summary", sent: 4, failed: 4, answered: 0 });
    const someHang = await startServer((request, index) => (index % 2 === 0 ? "hang" : acknowledgeAll(request, index)));
    try {
      const half = await runWhk(["send", "fazz-va-dynamic", "--to", someHang.url, "--secret", aSecret, "--count", "6", "--concurrency", "6", "--timeout", "300ms"]);
      expect(half.code, outputOf(half)).toBe(1);
      expect(half.stdout).toContain("3 succeeded, 3 failed");
      expect(half.stdout).toMatch(/latency p50 [\d.]+ms {2}p95 [\d.]+ms {2}p99 [\d.]+ms {2}max [\d.]+ms \(of the 3 answered\)/);
    } finally {
      await someHang.close();
    }
  });

  it("refuses --retries in a load test", async () => {
    const result = await runWhk(["send", "fazz-va-dynamic", "--to", server.url, "--secret", aSecret, "--count", "5", "--retries"]);
    expect(result.code, outputOf(result)).toBe(2);
    expect(result.stderr).toContain("--retries cannot be combined with --count");
  });
});
