import type { DeliveryResult } from "./deliver.js";
import type { Verdict } from "./expectation.js";
import { latencyStats, type LatencyStats } from "./latency-stats.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

export interface LoadDelivery {
  /** 0-based position in the run. */
  index: number;
  request: WebhookRequest;
  result: DeliveryResult;
  verdict: Verdict;
}

/** Live counters, for a progress line that reads them on its own schedule. */
export interface LoadProgress {
  done: number;
  succeeded: number;
  failed: number;
}

export interface LoadPlan {
  count: number;
  concurrency: number;
  /** The `index`-th request, rendered and signed fresh: its own ids and signature. */
  next(index: number): WebhookRequest;
  deliver(request: WebhookRequest): Promise<DeliveryResult>;
  judge(index: number, result: DeliveryResult): Verdict;
  /** Called for each delivery; keep it cheap, it runs at load-test speed. */
  onDelivery?: (delivery: LoadDelivery) => void;
  progress?: LoadProgress;
  /** Once aborted, no request is started; those in flight are still answered, judged and counted. */
  stop?: AbortSignal;
}

export interface LoadSummary {
  sent: number;
  succeeded: number;
  failed: number;
  /** Failed deliveries by cause: a fault (`refused`, `timeout`...) or the answer's status (`HTTP 500`). */
  failures: Record<string, number>;
  durationMs: number;
  requestsPerSecond: number;
  /** Stopped before `count` were sent (`stop` was aborted). */
  interrupted: boolean;
  /** Over deliveries that got an answer. */
  latency: LatencyStats;
}

/**
 * Sends `count` requests with at most `concurrency` in flight, each worker taking the next index as soon
 * as its previous delivery is answered (a closed loop, like autocannon's connections), until `stop`.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadSummary> {
  const progress = plan.progress ?? { done: 0, succeeded: 0, failed: 0 };
  const latencies = new Float64Array(plan.count);
  let answered = 0;
  const failures: Record<string, number> = {};
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < plan.count && plan.stop?.aborted !== true) {
      const index = nextIndex++;
      const request = plan.next(index);
      const result = await plan.deliver(request);
      const verdict = plan.judge(index, result);
      if (result.ok) latencies[answered++] = result.latencyMs;
      progress.done++;
      if (verdict.ok) progress.succeeded++;
      else {
        progress.failed++;
        const cause = result.ok ? `HTTP ${result.status}` : result.fault;
        failures[cause] = (failures[cause] ?? 0) + 1;
      }
      plan.onDelivery?.({ index, request, result, verdict });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(plan.concurrency, plan.count)) }, worker));
  const durationMs = performance.now() - started;
  return {
    sent: progress.done,
    succeeded: progress.succeeded,
    failed: progress.failed,
    failures,
    durationMs,
    requestsPerSecond: durationMs > 0 ? (progress.done * 1000) / durationMs : 0,
    interrupted: progress.done < plan.count,
    latency: latencyStats(latencies.subarray(0, answered)),
  };
}
