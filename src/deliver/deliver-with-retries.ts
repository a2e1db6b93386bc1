import { deliver as deliverOnce, type DeliveryResult } from "./deliver.js";
import { judgeDelivery, type Expectation, type Verdict } from "./expectation.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

export interface Attempt {
  /** 1-based. */
  attempt: number;
  maxAttempts: number;
  /** The request exactly as sent on this attempt. */
  request: WebhookRequest;
  result: DeliveryResult;
  verdict: Verdict;
}

export interface RetryWait {
  /** 1-based number of the retry about to be made. */
  retry: number;
  /** How many retries the provider makes, as the answers so far allow (one after a 500, for a provider that says so). */
  of: number;
  /** The provider's wait before it. */
  delayMs: number;
  /** The wait actually made, after compression by `speed`. */
  waitMs: number;
}

export interface RetryPlan {
  /**
   * Signs the same unsigned request for an attempt. Called once per attempt with a fresh `now`, so each
   * retry carries a new signature timestamp and the same body and idempotency id, as providers do.
   */
  sign(now: Date): WebhookRequest;
  expectation: Expectation;
  /** The provider's waits before each retry (provider.retry.delaysMs); empty means a single attempt. */
  delaysMs: readonly number[];
  /** How many retries an answer with this status allows (provider.retry.retriesAfter); default all of `delaysMs`. */
  retriesAfter?: (status: number | undefined) => number;
  /** Time compression: 3600 makes an hour a second, Infinity skips the waits. Default 1 (real time). */
  speed?: number;
  deliver?: (request: WebhookRequest) => Promise<DeliveryResult>;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  onAttempt?: (attempt: Attempt) => void;
  onWait?: (wait: RetryWait) => void;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries a delivery on the provider's schedule until it succeeds or the schedule runs out. Every attempt is returned. */
export async function deliverWithRetries(plan: RetryPlan): Promise<Attempt[]> {
  const send = plan.deliver ?? ((request: WebhookRequest) => deliverOnce(request));
  const clock = plan.clock ?? (() => new Date());
  const sleep = plan.sleep ?? realSleep;
  const speed = plan.speed ?? 1;
  if (!(speed > 0)) throw new TypeError("speed must be a positive number or Infinity");
  let maxAttempts = plan.delaysMs.length + 1;
  const attempts: Attempt[] = [];
  for (let index = 0; index < maxAttempts; index++) {
    if (index > 0) {
      const delayMs = plan.delaysMs[index - 1] ?? 0;
      const waitMs = Number.isFinite(speed) ? Math.round(delayMs / speed) : 0;
      plan.onWait?.({ retry: index, of: maxAttempts - 1, delayMs, waitMs });
      if (waitMs > 0) await sleep(waitMs);
    }
    const request = plan.sign(clock());
    const result = await send(request);
    const verdict = judgeDelivery(result, plan.expectation);
    // Some providers retry a number of times that depends on the answer (a 301 never, a 500 once).
    if (!verdict.ok && plan.retriesAfter) maxAttempts = Math.max(index + 1, Math.min(maxAttempts, plan.retriesAfter(result.ok ? result.status : undefined) + 1));
    const attempt: Attempt = { attempt: index + 1, maxAttempts, request, result, verdict };
    attempts.push(attempt);
    plan.onAttempt?.(attempt);
    if (attempt.verdict.ok) break;
  }
  return attempts;
}
