import type { Dispatcher } from "undici";
import { deliver } from "../../deliver/deliver.js";
import { deliverWithRetries, type Attempt } from "../../deliver/deliver-with-retries.js";
import { acknowledgementExpectation, explicitExpectation, type Expectation } from "../../deliver/expectation.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Provider } from "../../providers/provider.js";
import type { DeliverySettings } from "./delivery-flags.js";
import { formatWait, providerNextStep, type DeliveryReport } from "./delivery-report.js";
import type { RequestSaver } from "./request-saver.js";

/** One request of a run, before its attempts: what to call it, who sends it, how each attempt is signed. */
export interface Outgoing {
  subject: DeliveryReport["subject"];
  /** Undefined for a replayed request no provider was detected for: judged by any 2xx, never retried. */
  provider: Provider | undefined;
  sign(now: Date): WebhookRequest;
  /** The name `--save` gives its file in a directory (default: the fixture's id). */
  saveAs?: string;
}

/** What every delivery of a run shares: its settings, its connection pool, where requests are saved. */
export interface DeliveryRun {
  settings: DeliverySettings;
  dispatcher: Dispatcher;
  saver?: RequestSaver;
  /** Providers already said (on stderr) to document no retries, so it is said once per run. */
  noted: Set<string>;
}

/** What counts as delivered: --expect-status/--expect-body, else the provider's rule, else (a replay whk cannot attribute) any 2xx. */
export function expectationFor(provider: Provider | undefined, settings: Pick<DeliverySettings, "expect">): Expectation {
  const explicit = explicitExpectation(settings.expect?.status ?? (provider === undefined ? "2xx" : undefined), settings.expect?.body, provider?.ack);
  return explicit ?? acknowledgementExpectation((provider as Provider).ack);
}

/** The signing clock: now, or --timestamp for the first signature and that instant plus elapsed time after. */
export function signingClock(signAt: Date | undefined): () => Date {
  if (signAt === undefined) return () => new Date();
  let startedAt: number | undefined;
  return () => {
    startedAt ??= Date.now();
    return new Date(signAt.getTime() + (Date.now() - startedAt));
  };
}

/** The provider's retry waits for this run: none without --retries, at most --retries N of them. */
function retryDelays(provider: Provider | undefined, run: DeliveryRun): readonly number[] {
  const { retries } = run.settings;
  if (!retries) return [];
  if (provider === undefined || !provider.retry.documented) {
    const key = provider?.name ?? "";
    const who = provider !== undefined ? `${provider.displayName} documents no retry policy` : "a request no provider was detected for has no retry policy";
    if (!run.noted.has(key)) process.stderr.write(`whk: ${who}, so --retries changes nothing: sending once\n`);
    run.noted.add(key);
    return [];
  }
  const all = provider.retry.delaysMs;
  return retries.maxRetries !== undefined ? all.slice(0, retries.maxRetries) : all;
}

/**
 * Delivers one request with its retries (on the provider's schedule, compressed by --retry-speed),
 * saving and reporting every attempt as it happens; the last attempt says what the provider would do
 * next when it failed. Resolves to every attempt.
 */
export async function deliverOutgoing(run: DeliveryRun, outgoing: Outgoing, report: (delivery: DeliveryReport) => void): Promise<Attempt[]> {
  const { settings } = run;
  const { subject, provider, sign } = outgoing;
  const delaysMs = retryDelays(provider, run);
  const expectation = expectationFor(provider, settings);
  let signedAt = new Date();
  return deliverWithRetries({
    sign(now) {
      signedAt = now;
      return sign(now);
    },
    expectation,
    delaysMs,
    ...(provider?.retry.retriesAfter ? { retriesAfter: provider.retry.retriesAfter } : {}),
    speed: settings.retrySpeed,
    clock: signingClock(settings.signAt),
    deliver: (request) => deliver(request, { dispatcher: run.dispatcher, timeoutMs: settings.timeoutMs }),
    onWait: (wait) => process.stderr.write(formatWait(wait, settings.retrySpeed)),
    onAttempt(attempt) {
      run.saver?.add(attempt.request, signedAt, outgoing.saveAs);
      const final = !attempt.verdict.ok && attempt.attempt === attempt.maxAttempts;
      const capped = provider !== undefined && settings.retries?.maxRetries !== undefined && delaysMs.length < provider.retry.delaysMs.length && attempt.attempt === delaysMs.length + 1;
      report({
        subject,
        provider,
        url: attempt.request.url,
        attempt: attempt.attempt,
        maxAttempts: attempt.maxAttempts,
        result: attempt.result,
        verdict: attempt.verdict,
        expected: expectation.description,
        ...(final && provider !== undefined && settings.expect === undefined ? { next: providerNextStep(provider, { used: settings.retries !== undefined, attempts: attempt.attempt, capped, status: attempt.result.ok ? attempt.result.status : undefined }) } : {}),
      });
    },
  });
}
