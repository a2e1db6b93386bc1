import type { Dispatcher } from "undici";
import { acknowledgementExpectation, explicitExpectation, type Expectation } from "../../../deliver/expectation.js";
import type { ParsedRequestFlags } from "../../shared/request-flags.js";
import type { Provider } from "../../../providers/provider.js";
import type { SendSettings } from "./options.js";
import type { RequestSaver } from "./save.js";
import type { DeliveryReport } from "./output.js";
import type { WebhookRequest } from "../../../primitives/webhook-request.js";

/** What both send modes (one by one, load test) share for a run. */
export interface SendContext {
  settings: SendSettings;
  /** --set, --data, --header... parsed once (stdin is read once) for every fixture of the run. */
  flags: ParsedRequestFlags;
  /** Each provider's signing secret (flags, WHK_SECRET, the config, else the default test secret). */
  secretOf(provider: Provider): string | undefined;
  dispatcher: Dispatcher;
  saver?: RequestSaver;
}

/** What counts as delivered: --expect-status/--expect-body, else the provider's rule, else (a replay whk cannot attribute) any 2xx. */
/** One request of a run, before its attempts: what to call it, who sends it, how each attempt is signed. */
export interface Outgoing {
  subject: DeliveryReport["subject"];
  /** Undefined for a replayed request no provider was detected for: judged by any 2xx, never retried. */
  provider: Provider | undefined;
  sign(now: Date): WebhookRequest;
}

export function expectationFor(provider: Provider | undefined, settings: SendSettings): Expectation {
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
