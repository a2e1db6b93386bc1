import type { Dispatcher } from "undici";
import { createDispatcher } from "../../../deliver/deliver.js";
import { prepareFixtureRequest } from "../../../fixtures/prepare-fixture-request.js";
import { getProvider } from "../../../providers/index.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { deliverOutgoing, type DeliveryRun, type Outgoing } from "../../shared/deliver-outgoing.js";
import { deliveryJson } from "../../shared/delivery-report.js";
import { parseRequestFlags, prepareOptionsFor } from "../../shared/request-flags.js";
import { createRequestSaver } from "../../shared/request-saver.js";
import { signingSecret } from "../../shared/secret-flags.js";
import { signerFor } from "../../shared/signer.js";
import { jsonLine } from "../../shared/terminal-text.js";
import type { SendContext } from "./context.js";
import { sendLoad } from "./load.js";
import { parseSendFlags, type SendFlags } from "./options.js";
import { formatDeliveryHuman } from "./output.js";
import { replayDeliveries } from "./replay.js";

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
    ...(settings.save ? { saver: createRequestSaver(settings.save) } : {}),
  };
  try {
    if (settings.load) return await sendLoad(context, settings.load);
    const dispatcher = await createDispatcher({ timeoutMs: settings.timeoutMs, insecure: settings.insecure });
    try {
      const ok = await sendEach(context, dispatcher, settings.replay ? replayDeliveries(context, settings.replay) : fixtureDeliveries(context));
      return ok ? EXIT_OK : EXIT_CHECK_FAILED;
    } finally {
      await dispatcher.destroy();
    }
  } finally {
    context.saver?.finish();
  }
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
async function sendEach(context: SendContext, dispatcher: Dispatcher, outgoing: readonly Outgoing[]): Promise<boolean> {
  const { settings } = context;
  const run: DeliveryRun = { settings, dispatcher, noted: new Set(), ...(context.saver ? { saver: context.saver } : {}) };
  let allOk = true;
  for (const request of outgoing) {
    const attempts = await deliverOutgoing(run, request, (report) => process.stdout.write(settings.json ? jsonLine(deliveryJson(report)) : formatDeliveryHuman(report)));
    if (!attempts[attempts.length - 1]?.verdict.ok) allOk = false;
  }
  return allOk;
}
