import { createServer as createNetServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAll, closedPort, startServer, type TestServer } from "../helpers/http-server.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { selfSignedCertificate } from "../helpers/self-signed.js";
import { jsonLines, outputOf, runWhk, stackFrames } from "../helpers/run-whk.js";

const aSecret = "e2e-faults-secret-19c4";

interface Delivery {
  fixture: string;
  attempt: number;
  maxAttempts: number;
  status: number | null;
  ok: boolean;
  reason?: string;
  error?: string;
  next?: string;
}

/** One clear line on stdout, exit 1, no stack trace. */
async function expectFault(args: string[], reason: string, words: RegExp): Promise<void> {
  const human = await runWhk(args);
  expect(human.code, outputOf(human)).toBe(1);
  expect(stackFrames(human.stdout + human.stderr)).toEqual([]);
  const firstLine = human.stdout.split("\n")[0] ?? "";
  expect(firstLine).toMatch(words);
  const json = await runWhk([...args, "--json"]);
  expect(json.code, outputOf(json)).toBe(1);
  expect(jsonLines<Delivery>(json.stdout)[0]).toMatchObject({ ok: false, status: null, reason });
}

describe("whk send: network faults are one clear line and exit 1", () => {
  it("connection refused names the target", async () => {
    const port = await closedPort();
    await expectFault(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", `127.0.0.1:${port}`], "refused", new RegExp(`^✗ fazz-va-dynamic → http://127\\.0\\.0\\.1:${port}/: connection refused by 127\\.0\\.0\\.1:${port}`));
  });

  it("a receiver that never answers times out after --timeout", async () => {
    const silent = await startServer(() => "hang");
    try {
      await expectFault(["send", "topremit-va", "--secret", aSecret, "--to", silent.url, "--timeout", "300ms"], "timeout", /no answer from 127\.0\.0\.1:\d+ within 300ms/);
    } finally {
      await silent.close();
    }
  });

  it("a receiver that drops the connection is a reset", async () => {
    const dropping = await startServer(() => "destroy");
    try {
      await expectFault(["send", "chaipay-payin", "--secret", aSecret, "--to", dropping.url], "reset", /127\.0\.0\.1:\d+ closed the connection before answering/);
    } finally {
      await dropping.close();
    }
  });

  it("a receiver that closes mid-response (headers sent, body cut short) is one clear line", async () => {
    const server = createNetServer((socket) => {
      socket.once("data", () => socket.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"stat"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const run = await runWhk(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", `127.0.0.1:${port}`, "--json"]);
      expect(run.code, outputOf(run)).toBe(1);
      expect(stackFrames(run.stdout + run.stderr)).toEqual([]);
      expect(jsonLines<Delivery>(run.stdout)[0]).toMatchObject({ ok: false, status: null });
    } finally {
      server.close();
    }
  });

  it("a slow receiver: an answer within --timeout is delivered, a slower one times out", async () => {
    const slow = await startServer(() => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), 400)));
    try {
      const patient = await runWhk(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", slow.url, "--timeout", "5s", "--json"]);
      expect(patient.code, outputOf(patient)).toBe(0);
      const [delivery] = jsonLines<Delivery & { latencyMs: number }>(patient.stdout);
      expect(delivery?.latencyMs).toBeGreaterThanOrEqual(400);
      await expectFault(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", slow.url, "--timeout", "100ms"], "timeout", /within 100ms/);
    } finally {
      await slow.close();
    }
  });

  it("a host that does not resolve is a DNS failure (.invalid never resolves)", async () => {
    await expectFault(["send", "paycombat-va-register", "--secret", aSecret, "--to", "http://whk-e2e.invalid:8080/cb", "--timeout", "5s"], "dns", /cannot resolve whk-e2e\.invalid/);
  });

  it("a 5xx fails, and says what the provider does next", async () => {
    const failing = await startServer(() => ({ status: 503, body: "down for maintenance" }));
    try {
      const sv = await runWhk(["send", "singleview-payment-status", "--to", failing.url]);
      expect(sv.code, outputOf(sv)).toBe(1);
      expect(sv.stdout).toContain("HTTP 503 Service Unavailable");
      expect(sv.stdout).toContain("down for maintenance");
      expect(sv.stdout).toContain("SingleView would retry in 1h");
      const topremit = await runWhk(["send", "topremit-va", "--to", failing.url, "--secret", aSecret, "--json"]);
      expect(jsonLines<Delivery>(topremit.stdout)[0]).toMatchObject({ ok: false, status: 503, reason: "not-acknowledged", next: expect.stringContaining("Topremit documents no retries") });
    } finally {
      await failing.close();
    }
  });

  describe("HTTPS", () => {
    const tls = selfSignedCertificate();
    let server: TestServer | undefined;
    beforeAll(async () => {
      if (tls) server = await startServer(acknowledgeAll, { tls });
    });
    afterAll(() => server?.close());

    if (!tls) it.skip("HTTPS with a self-signed certificate: skipped, openssl is not installed to make one", () => {});
    it.runIf(tls !== undefined)("rejects a self-signed certificate, and --insecure accepts it", async () => {
      const url = server!.url;
      await expectFault(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", url], "tls", /TLS handshake with 127\.0\.0\.1:\d+ failed: self[- ]signed certificate/);
      const insecure = await runWhk(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", url, "--insecure"]);
      expect(insecure.code, outputOf(insecure)).toBe(0);
      expect(checkDelivery("fazz-va-dynamic", server!.requests.at(-1)!, aSecret)).toMatchObject({ ok: true });
    });
  });
});

describe("whk send --retries: the provider's schedule, compressed", () => {
  /** Fails the first two deliveries, then acknowledges. */
  const failTwice = () => startServer((_request, index) => (index < 2 ? { status: 500, body: "try later" } : { status: 200, headers: { "content-type": "application/json" }, body: '{"status":"OK"}' }));

  it("SingleView: retried until acknowledged, same body every attempt, every attempt reported", async () => {
    const flaky = await failTwice();
    try {
      const result = await runWhk(["send", "singleview-payment-status", "--to", flaky.url, "--retries", "--retry-speed", "max", "--json"]);
      expect(result.code, outputOf(result)).toBe(0);
      const attempts = jsonLines<Delivery>(result.stdout);
      expect(attempts.map((a) => [a.attempt, a.maxAttempts, a.status, a.ok])).toEqual([
        [1, 4, 500, false],
        [2, 4, 500, false],
        [3, 4, 200, true],
      ]);
      expect(flaky.requests).toHaveLength(3);
      expect(flaky.requests.every((request) => request.body.equals(flaky.requests[0]!.body))).toBe(true);
      expect(result.stderr).toContain("retry 1 of 3: the provider waits 1h; not waiting (--retry-speed max)");
    } finally {
      await flaky.close();
    }
  });

  it("Fazz: each retry is re-signed over the same body, and --retries N caps the schedule", async () => {
    const flaky = await failTwice();
    try {
      const capped = await runWhk(["send", "fazz-disbursement", "--to", flaky.url, "--secret", aSecret, "--retries", "1", "--retry-speed", "max"]);
      expect(capped.code, outputOf(capped)).toBe(1);
      expect(capped.stdout).toContain("attempt 2/2");
      expect(capped.stdout).toContain("stopped by --retries after 2 attempts");
      const recovered = await runWhk(["send", "fazz-disbursement", "--to", flaky.url, "--secret", aSecret, "--retries", "--retry-speed", "max", "--json"]);
      expect(recovered.code, outputOf(recovered)).toBe(0);
      const [firstTry, retried] = [flaky.requests[0]!, flaky.requests[1]!];
      expect(firstTry.body.equals(retried.body)).toBe(true);
      for (const request of flaky.requests) expect(checkDelivery("fazz-disbursement", request, aSecret)).toMatchObject({ ok: true });
      expect(jsonLines<Delivery>(recovered.stdout)).toEqual([expect.objectContaining({ attempt: 1, ok: true, maxAttempts: 20 })]);
    } finally {
      await flaky.close();
    }
  });

  it("a provider with no documented retry policy is sent once, and --retries says so", async () => {
    const failing = await startServer(() => ({ status: 500 }));
    try {
      const result = await runWhk(["send", "topremit-va", "--to", failing.url, "--secret", aSecret, "--retries", "--retry-speed", "max"]);
      expect(result.code, outputOf(result)).toBe(1);
      expect(result.stderr).toContain("Topremit documents no retry policy");
      expect(failing.requests).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });
});
