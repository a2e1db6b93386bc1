import type { Dispatcher } from "undici";
import { acknowledgementExpectation, explicitExpectation, type Expectation } from "../../../deliver/expectation.js";
import type { ParsedRequestFlags } from "../../shared/request-flags.js";
import type { Provider } from "../../../providers/provider.js";
import type { SendSettings } from "./options.js";
import type { RequestSaver } from "./save.js";

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

export function expectationFor(provider: Provider, settings: SendSettings): Expectation {
  const explicit = settings.expect !== undefined ? explicitExpectation(settings.expect.status, settings.expect.body, provider.ack) : undefined;
  return explicit ?? acknowledgementExpectation(provider.ack);
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
