import { createLoadClient } from "../../../deliver/load-client.js";
import { judgeDelivery } from "../../../deliver/expectation.js";
import { prepareFixtureRequest } from "../../../fixtures/prepare-fixture-request.js";
import { runLoad, type LoadDelivery, type LoadProgress } from "../../../deliver/load-run.js";
import { createRequestFactory } from "../../../fixtures/request-factory.js";
import { getProvider } from "../../../providers/index.js";
import { prepareOptionsFor } from "../../shared/request-flags.js";
import { signerFor } from "../../shared/signer.js";
import { expectationFor, signingClock } from "../../shared/deliver-outgoing.js";
import { deliveryJson, providerNextStep, type DeliveryReport } from "../../shared/delivery-report.js";
import type { SendContext } from "./context.js";
import { formatSummaryHuman, summaryJson } from "./output.js";
import { startProgress } from "./progress.js";
import { jsonLine } from "../../shared/terminal-text.js";
import { EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK } from "../../exit-codes.js";

const FLUSH_LINES = 256;

/**
 * `--count N --concurrency C`: N fresh renders (own ids, own signature) over one keep-alive pool,
 * cycling through the fixtures. Per request only render + sign + deliver happen; reports are built
 * only for --json, --save and the first failure.
 */
export async function sendLoad(context: SendContext, load: { count: number; concurrency: number }): Promise<number> {
  const { settings } = context;
  const lanes = settings.fixtures.map((fixture) => {
    const provider = getProvider(fixture.provider);
    const options = prepareOptionsFor(fixture, context.flags);
    return { fixture, provider, options, make: createRequestFactory(options), sign: signerFor(provider, context.secretOf(provider), options.options), expectation: expectationFor(provider, settings) };
  });
  const laneOf = (index: number) => lanes[index % lanes.length] as (typeof lanes)[number];
  const clock = signingClock(settings.signAt);
  // One render and signature up front (outside the seeded stream), so a body the scheme cannot sign
  // fails before the run starts.
  for (const lane of lanes) lane.sign(prepareFixtureRequest(lane.options), new Date());

  const report = (delivery: LoadDelivery): DeliveryReport => {
    const { fixture, provider, expectation } = laneOf(delivery.index);
    return {
      subject: { fixture: fixture.id },
      provider,
      url: delivery.request.url,
      attempt: 1,
      maxAttempts: 1,
      result: delivery.result,
      verdict: delivery.verdict,
      expected: expectation.description,
      ...(!delivery.verdict.ok && settings.expect === undefined ? { next: providerNextStep(provider, { used: false, attempts: 1, capped: false }) } : {}),
    };
  };
  let firstFailure: DeliveryReport | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length > 0) process.stdout.write(lines.join(""));
    lines = [];
  };
  const progress: LoadProgress = { done: 0, succeeded: 0, failed: 0 };
  const progressLine = await startProgress(load.count, progress);
  // Ctrl-C: no new request, those in flight answered, then the summary of what was sent (a second
  // Ctrl-C quits at once; every request sent is saved already).
  const client = createLoadClient({ connections: load.concurrency, timeoutMs: settings.timeoutMs, insecure: settings.insecure });
  const interrupt = new AbortController();
  const stop = (): void => {
    interrupt.abort();
    process.stderr.write("\nwhk: stopping: waiting for the requests in flight (Ctrl-C again quits now)\n");
  };
  process.once("SIGINT", stop);
  let summary;
  try {
    summary = await runLoad({
      ...load,
      progress,
      stop: interrupt.signal,
      next: (index) => {
        const lane = laneOf(index);
        const now = clock();
        const request = lane.sign(lane.make(), now);
        context.saver?.add(request, now);
        return request;
      },
      deliver: (request) => client.deliver(request),
      judge: (index, result) => judgeDelivery(result, laneOf(index).expectation),
      onDelivery(delivery) {
        if (!delivery.verdict.ok && !firstFailure) firstFailure = report(delivery);
        if (!settings.json) return;
        lines.push(jsonLine(deliveryJson(report(delivery))));
        if (lines.length >= FLUSH_LINES) flush();
      },
    });
  } finally {
    process.removeListener("SIGINT", stop);
    progressLine?.stop();
    await client.close();
  }
  const summaryContext = { url: [...new Set(lanes.map((lane) => lane.options.url))].join(", "), fixtures: lanes.map((lane) => lane.fixture.id), concurrency: Math.min(load.concurrency, load.count), count: load.count };
  if (settings.json) {
    lines.push(`${JSON.stringify(summaryJson(summary, summaryContext))}\n`);
    flush();
  } else {
    process.stdout.write(formatSummaryHuman(summary, summaryContext, firstFailure));
  }
  return summary.interrupted ? EXIT_INTERRUPTED : summary.failed === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
}
