import { describe, expect, it } from "vitest";
import type { DeliveryResult } from "../../src/deliver/deliver.js";
import { deliverWithRetries } from "../../src/deliver/deliver-with-retries.js";
import { acknowledgementExpectation } from "../../src/deliver/expectation.js";
import { getHeader } from "../../src/primitives/headers.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { providers } from "../../src/providers/index.js";

const aSecret = "retry-secret";
const answer = (status: number, body = ""): DeliveryResult => ({ ok: true, status, headers: {}, body, bodyBytes: body.length, bodyTruncated: false, latencyMs: 1 });

/** A receiver that fails `failures` times, then acknowledges; it records what it was sent. */
function flakyReceiver(failures: number) {
  const sent: WebhookRequest[] = [];
  return { sent, deliver: async (request: WebhookRequest) => (sent.push(request), sent.length <= failures ? answer(500) : answer(200, '{"status":"OK"}')) };
}

/** A clock that moves one hour per reading. */
function hourlyClock(start: string) {
  let t = Date.parse(start);
  return () => new Date((t += 3_600_000) - 3_600_000);
}

describe("deliverWithRetries", () => {
  it("re-signs each attempt with a fresh timestamp, keeping the body and X-EXTERNAL-ID (Topremit)", async () => {
    // Given one rendered Topremit callback and a receiver that fails twice
    const unsigned = prepareFixtureRequest({ fixture: "topremit-va", url: "http://127.0.0.1:3000/cb" });
    const receiver = flakyReceiver(2);
    const waits: number[] = [];
    // When it is delivered on a three-retry schedule with time compressed 3600x
    const attempts = await deliverWithRetries({
      sign: (now) => signRequest(unsigned, { provider: providers.topremit, secret: aSecret, now }),
      expectation: acknowledgementExpectation(providers.topremit.ack),
      delaysMs: [3_600_000, 3_600_000, 3_600_000],
      speed: 3600,
      deliver: receiver.deliver,
      clock: hourlyClock("2025-05-15T05:00:00Z"),
      sleep: async (ms) => void waits.push(ms),
    });
    // Then it took three attempts, waiting a compressed second before each retry
    expect(attempts.map((a) => [a.attempt, a.maxAttempts, a.verdict.ok])).toEqual([
      [1, 4, false],
      [2, 4, false],
      [3, 4, true],
    ]);
    expect(waits).toEqual([1000, 1000]);
    // and every attempt carried the same body and idempotency id, a new timestamp, and a valid signature
    const [first, ...retries] = receiver.sent;
    for (const retry of retries) {
      expect(retry.body.equals(first!.body)).toBe(true);
      expect(getHeader(retry.headers, "X-EXTERNAL-ID")).toBe(getHeader(first!.headers, "X-EXTERNAL-ID"));
      expect(getHeader(retry.headers, "Authorization")).toBe(getHeader(first!.headers, "Authorization"));
    }
    const timestamps = receiver.sent.map((r) => getHeader(r.headers, "X-TIMESTAMP"));
    expect(new Set(timestamps).size).toBe(3);
    expect(new Set(receiver.sent.map((r) => getHeader(r.headers, "X-SIGNATURE"))).size).toBe(3);
    for (const request of receiver.sent) {
      const at = new Date(Date.parse(getHeader(request.headers, "X-TIMESTAMP")!));
      expect(verifyRequest(request, { secret: aSecret, provider: "topremit", now: at }).ok).toBe(true);
    }
  });

  it("stops when the schedule runs out, and skips waits at speed Infinity", async () => {
    const receiver = flakyReceiver(99);
    let slept = false;
    const waits: number[] = [];
    const unsigned = prepareFixtureRequest({ fixture: "fazz-disbursement", url: "http://127.0.0.1:3000/" });
    const attempts = await deliverWithRetries({
      sign: (now) => signRequest(unsigned, { provider: "fazz", secret: aSecret, now }),
      expectation: acknowledgementExpectation(providers.fazz.ack),
      delaysMs: providers.fazz.retry.delaysMs.slice(0, 2),
      speed: Number.POSITIVE_INFINITY,
      deliver: receiver.deliver,
      sleep: async () => void (slept = true),
      onWait: (wait) => waits.push(wait.delayMs),
    });
    expect(attempts).toHaveLength(3);
    expect(attempts.at(-1)?.verdict).toMatchObject({ ok: false, reason: "not-acknowledged" });
    expect(slept).toBe(false);
    expect(waits).toEqual([300_000, 600_000]);
  });

  it("makes one attempt with an empty schedule, and rejects a nonsense speed", async () => {
    const receiver = flakyReceiver(1);
    const plan = {
      sign: () => prepareFixtureRequest({ fixture: "singleview-payment-status", url: "http://x/" }),
      expectation: acknowledgementExpectation(providers.singleview.ack),
      delaysMs: [],
      deliver: receiver.deliver,
    };
    expect(await deliverWithRetries(plan)).toHaveLength(1);
    await expect(deliverWithRetries({ ...plan, speed: 0 })).rejects.toThrow(TypeError);
  });

  it("stops as the provider's policy says for the answer: Midtrans retries a 500 once and a 301 never", async () => {
    // Given a Midtrans notification and receivers that always answer 500, or 301
    const unsigned = prepareFixtureRequest({ fixture: "midtrans-gopay-settlement", url: "http://127.0.0.1:3000/cb" });
    const { retry, ack } = providers.midtrans;
    const waits: string[] = [];
    const run = (status: number) =>
      deliverWithRetries({
        sign: (now) => signRequest(unsigned, { provider: providers.midtrans, secret: aSecret, now }),
        expectation: acknowledgementExpectation(ack),
        delaysMs: retry.delaysMs,
        ...(retry.retriesAfter ? { retriesAfter: retry.retriesAfter } : {}),
        speed: Number.POSITIVE_INFINITY,
        deliver: async () => answer(status),
        onWait: (wait) => waits.push(`${wait.retry} of ${wait.of}`),
      });
    // Then a 500 gets one retry (announced as the only one), a 301 none, and a 502 all five
    expect((await run(500)).map((a) => [a.attempt, a.maxAttempts])).toEqual([[1, 2], [2, 2]]);
    expect(waits).toEqual(["1 of 1"]);
    expect((await run(301)).map((a) => [a.attempt, a.maxAttempts])).toEqual([[1, 1]]);
    expect(await run(502)).toHaveLength(6);
  });
});
