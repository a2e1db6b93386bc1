import type { Dispatcher } from "undici";
import type { DeliverOptions, DeliveryResult, DispatcherOptions } from "./deliver.js";
import type { Attempt, RetryPlan } from "./deliver-with-retries.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/**
 * The delivery API as the library exports it: the same functions as deliver.ts and
 * deliver-with-retries.ts, loading undici on first use, so `import "whk"` for signing and verifying
 * never pays for an HTTP client.
 */

/** One delivery attempt; resolves to the answer or the fault, never rejects for network trouble. */
export async function deliver(request: WebhookRequest, options: DeliverOptions = {}): Promise<DeliveryResult> {
  const core = await import("./deliver.js");
  return core.deliver(request, options);
}

/** Retries on a provider's schedule (time compressed by `speed`), re-signing each attempt. */
export async function deliverWithRetries(plan: RetryPlan): Promise<Attempt[]> {
  const core = await import("./deliver-with-retries.js");
  return core.deliverWithRetries(plan);
}

/** A keep-alive pool to pass as `dispatcher` to many deliveries; `close()` it when done. */
export async function createDispatcher(options: DispatcherOptions = {}): Promise<Dispatcher> {
  const core = await import("./deliver.js");
  return core.createDispatcher(options);
}
