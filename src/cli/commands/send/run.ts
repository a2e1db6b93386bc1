import { createDispatcher, deliver } from "../../../deliver/deliver.js";
import { deliverWithRetries } from "../../../deliver/deliver-with-retries.js";
import { prepareFixtureRequest } from "../../../fixtures/prepare-fixture-request.js";
import { getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { parseRequestFlags, prepareOptionsFor } from "../../shared/request-flags.js";
import { signingSecret } from "../../shared/secret-flags.js";
import { signerFor } from "../../shared/signer.js";
import { expectationFor, signingClock, type Outgoing, type SendContext } from "./context.js";
import { sendLoad } from "./load.js";
import { parseSendFlags, type SendFlags, type SendSettings } from "./options.js";
import { deliveryJson, formatDeliveryHuman, formatWait, providerNextStep, type DeliveryReport } from "./output.js";
import { replayDeliveries } from "./replay.js";
import { createRequestSaver } from "./save.js";

/** Delivers fixtures to a receiver and judges each answer the way the provider would. Exit 0 only if every one succeeded. */
export async function runSend(ids: readonly string[], flags: SendFlags): Promise<number> {
  const settings = parseSendFlags(ids, flags);
  const secrets = new Map<string, string | undefined>();
  const context: SendContext = {
    settings,
    flags: parseRequestFlags(flags),
    secretOf: (provider) => {
      if (!secrets.has(provider.name)) secrets.set(provider.name, signingSecret(flags, provider));
      return secrets.get(provider.name);
    },
    dispatcher: await createDispatcher({ timeoutMs: settings.timeoutMs, insecure: settings.insecure, ...(settings.load ? { connections: settings.load.concurrency } : {}) }),
    ...(settings.save ? { saver: createRequestSaver(settings.save) } : {}),
  };
  try {
    const ok = settings.load ? await sendLoad(context, settings.load) : await sendEach(context, settings.replay ? replayDeliveries(context, settings.replay) : fixtureDeliveries(context));
    return ok ? EXIT_OK : EXIT_CHECK_FAILED;
  } finally {
    context.saver?.finish();
    await context.dispatcher.destroy();
  }
}

/** The provider's retry waits for this run: none without --retries, at most --retries N of them. */
function retryDelays(provider: Provider | undefined, settings: SendSettings, noted: Set<string>): readonly number[] {
  if (!settings.retries) return [];
  if (provider === undefined || !provider.retry.documented) {
    const key = provider?.name ?? "";
    const who = provider !== undefined ? `${provider.displayName} documents no retry policy` : "a request no provider was detected for has no retry policy";
    if (!noted.has(key)) process.stderr.write(`whk: ${who}, so --retries changes nothing: sending once\n`);
    noted.add(key);
    return [];
  }
  const all = provider.retry.delaysMs;
  return settings.retries.maxRetries !== undefined ? all.slice(0, settings.retries.maxRetries) : all;
}

/** The fixtures of the run, each rendered now (a bad --set path fails before the first request is sent) and signed per attempt. */
function fixtureDeliveries(context: SendContext): Outgoing[] {
  return context.settings.fixtures.map((fixture) => {
    const provider = getProvider(fixture.provider);
    const options = prepareOptionsFor(fixture, context.flags);
    const unsigned = prepareFixtureRequest(options);
    const sign = signerFor(provider, context.secretOf(provider), options.options);
    return { subject: { fixture: fixture.id }, provider, sign: (now) => sign(unsigned, now) };
  });
}

/** One request after another, each with its retries, every attempt reported as it happens. */
async function sendEach(context: SendContext, outgoing: readonly Outgoing[]): Promise<boolean> {
  const { settings } = context;
  const noted = new Set<string>();
  let allOk = true;
  for (const { subject, provider, sign } of outgoing) {
    const delaysMs = retryDelays(provider, settings, noted);
    const expectation = expectationFor(provider, settings);
    let signedAt = new Date();
    const attempts = await deliverWithRetries({
      sign(now) {
        signedAt = now;
        return sign(now);
      },
      expectation,
      delaysMs,
      ...(provider?.retry.retriesAfter ? { retriesAfter: provider.retry.retriesAfter } : {}),
      speed: settings.retrySpeed,
      clock: signingClock(settings.signAt),
      deliver: (request) => deliver(request, { dispatcher: context.dispatcher, timeoutMs: settings.timeoutMs }),
      onWait: (wait) => process.stderr.write(formatWait(wait, delaysMs.length, settings.retrySpeed)),
      onAttempt(attempt) {
        context.saver?.add(attempt.request, signedAt);
        const final = !attempt.verdict.ok && attempt.attempt === attempt.maxAttempts;
        const capped = provider !== undefined && settings.retries?.maxRetries !== undefined && delaysMs.length < provider.retry.delaysMs.length && attempt.attempt === delaysMs.length + 1;
        const report: DeliveryReport = {
          subject,
          provider,
          url: attempt.request.url,
          attempt: attempt.attempt,
          maxAttempts: attempt.maxAttempts,
          result: attempt.result,
          verdict: attempt.verdict,
          expected: expectation.description,
          ...(final && provider !== undefined && settings.expect === undefined ? { next: providerNextStep(provider, { used: settings.retries !== undefined, attempts: attempt.attempt, capped, status: attempt.result.ok ? attempt.result.status : undefined }) } : {}),
        };
        process.stdout.write(settings.json ? `${JSON.stringify(deliveryJson(report))}\n` : formatDeliveryHuman(report));
      },
    });
    if (!attempts[attempts.length - 1]?.verdict.ok) allOk = false;
  }
  return allOk;
}
