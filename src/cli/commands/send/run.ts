import { createDispatcher, deliver } from "../../../deliver/deliver.js";
import { deliverWithRetries } from "../../../deliver/deliver-with-retries.js";
import type { Fixture } from "../../../fixtures/fixture.js";
import { prepareFixtureRequest } from "../../../fixtures/prepare-fixture-request.js";
import { getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { prepareOptionsFrom } from "../../shared/request-flags.js";
import { requireOneSecret } from "../../shared/secret-flags.js";
import { signerFor } from "../../shared/signer.js";
import { expectationFor, signingClock, type SendContext } from "./context.js";
import { sendLoad } from "./load.js";
import { parseSendFlags, type SendFlags, type SendSettings } from "./options.js";
import { deliveryJson, formatDeliveryHuman, formatWait, providerNextStep, type DeliveryReport } from "./output.js";
import { createRequestSaver } from "./save.js";

/** Delivers fixtures to a receiver and judges each answer the way the provider would. Exit 0 only if every one succeeded. */
export async function runSend(ids: readonly string[], flags: SendFlags): Promise<number> {
  const settings = parseSendFlags(ids, flags);
  const signing = settings.fixtures.map((f) => getProvider(f.provider)).find((p) => p.scheme.needsSecret);
  const secret = requireOneSecret(flags, signing !== undefined, signing?.displayName ?? "");
  const first = settings.fixtures[0] as Fixture;
  const context: SendContext = {
    settings,
    prepare: prepareOptionsFrom(first, flags),
    secret,
    dispatcher: await createDispatcher({ timeoutMs: settings.timeoutMs, insecure: settings.insecure, ...(settings.load ? { connections: settings.load.concurrency } : {}) }),
    ...(settings.save ? { saver: createRequestSaver(settings.save) } : {}),
  };
  try {
    const ok = settings.load ? await sendLoad(context, settings.load) : await sendEach(context);
    return ok ? EXIT_OK : EXIT_CHECK_FAILED;
  } finally {
    context.saver?.finish();
    await context.dispatcher.destroy();
  }
}

/** The provider's retry waits for this run: none without --retries, at most --retries N of them. */
function retryDelays(provider: Provider, settings: SendSettings, noted: Set<string>): readonly number[] {
  if (!settings.retries) return [];
  if (!provider.retry.documented) {
    if (!noted.has(provider.name)) process.stderr.write(`whk: ${provider.displayName} documents no retry policy, so --retries changes nothing: sending once\n`);
    noted.add(provider.name);
    return [];
  }
  const all = provider.retry.delaysMs;
  return settings.retries.maxRetries !== undefined ? all.slice(0, settings.retries.maxRetries) : all;
}

/** One fixture after another, each with its retries, every attempt reported as it happens. */
async function sendEach(context: SendContext): Promise<boolean> {
  const { settings } = context;
  // Render everything first: a bad --set path fails before the first request is sent.
  const prepared = settings.fixtures.map((fixture) => prepareFixtureRequest({ ...context.prepare, fixture }));
  const noted = new Set<string>();
  let allOk = true;
  for (const [index, fixture] of settings.fixtures.entries()) {
    const provider = getProvider(fixture.provider);
    const unsigned = prepared[index] ?? prepareFixtureRequest({ ...context.prepare, fixture });
    const sign = signerFor(provider, context.secret, context.prepare.options);
    const delaysMs = retryDelays(provider, settings, noted);
    const expectation = expectationFor(provider, settings);
    let signedAt = new Date();
    const attempts = await deliverWithRetries({
      sign(now) {
        signedAt = now;
        return sign(unsigned, now);
      },
      expectation,
      delaysMs,
      speed: settings.retrySpeed,
      clock: signingClock(settings.signAt),
      deliver: (request) => deliver(request, { dispatcher: context.dispatcher, timeoutMs: settings.timeoutMs }),
      onWait: (wait) => process.stderr.write(formatWait(wait, delaysMs.length, settings.retrySpeed)),
      onAttempt(attempt) {
        context.saver?.add(attempt.request, signedAt);
        const final = !attempt.verdict.ok && attempt.attempt === attempt.maxAttempts;
        const capped = settings.retries?.maxRetries !== undefined && delaysMs.length < provider.retry.delaysMs.length;
        const report: DeliveryReport = {
          fixture: fixture.id,
          provider,
          url: attempt.request.url,
          attempt: attempt.attempt,
          maxAttempts: attempt.maxAttempts,
          result: attempt.result,
          verdict: attempt.verdict,
          expected: expectation.description,
          ...(final && !settings.expectation ? { next: providerNextStep(provider, { used: settings.retries !== undefined, attempts: attempt.attempt, capped }) } : {}),
        };
        process.stdout.write(settings.json ? `${JSON.stringify(deliveryJson(report))}\n` : formatDeliveryHuman(report));
      },
    });
    if (!attempts[attempts.length - 1]?.verdict.ok) allOk = false;
  }
  return allOk;
}
