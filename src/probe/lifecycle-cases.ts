import type { PrepareOptions } from "../fixtures/prepare-fixture-request.js";
import { WhkInputError } from "../primitives/errors.js";
import { getHeader } from "../primitives/headers.js";
import { cryptoRandom } from "../primitives/random.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import { renderScenario, type RenderedStep } from "../scenario/render-scenario.js";
import type { Provider } from "../providers/provider.js";
import { getScenario, scenariosOf } from "../scenario/scenario-catalog.js";
import type { Scenario } from "../scenario/scenario.js";
import { signRequest } from "../sign/sign-request.js";
import type { ProbeCase } from "./probe-case.js";

export interface LifecycleCaseOptions {
  /** A scenario of the probed provider: its steps are the lifecycle the checks play. */
  scenario: Scenario;
  url: string;
  secret: string | undefined;
  now: Date;
  /** Headers and option values every delivery carries (the project's settings for the provider). */
  settings?: Pick<PrepareOptions, "headers" | "options">;
}

/**
 * The checks that follow from how a provider documents its deliveries arriving, played with one of its
 * scenarios: where it documents duplicates, the lifecycle and then its last step again (same ids, same
 * idempotency key, signed again) must be acknowledged, the duplicate as the original was; where it
 * documents out-of-order delivery, the last step delivered before the one that precedes it must be
 * acknowledged both times (a handler that refuses the stale one makes the provider retry it). Each
 * check carries the provider's words and page.
 */
export function buildLifecycleCases(options: LifecycleCaseOptions): ProbeCase[] {
  const { scenario } = options;
  const provider = getProvider(scenario.provider);
  const habits = provider.delivery;
  if (habits === undefined) return [];
  // Each check plays its own render (its own order ids): what one check leaves in the handler's state cannot decide the other.
  const render = (): RenderedStep[] => renderScenario(scenario, { url: options.url, random: cryptoRandom, now: options.now, ...options.settings });
  const sign = (step: RenderedStep): WebhookRequest => signRequest(step.request, { provider, now: options.now, ...(options.secret !== undefined ? { secret: options.secret } : {}), ...(options.settings?.options !== undefined ? { options: options.settings.options } : {}) });
  const base = { provider: provider.name, fixture: scenario.name };
  const cases: ProbeCase[] = [];

  if (habits.duplicates !== undefined) {
    const steps = render();
    const last = steps[steps.length - 1] as RenderedStep;
    const key = provider.idempotencyKey?.header;
    const sameKey = key !== undefined ? ` and ${key} ${getHeader(last.request.headers, key) ?? ""}` : "";
    cases.push({
      ...base,
      id: `${scenario.name}/duplicate`,
      kind: "duplicate",
      title: `${scenario.steps.map((s) => s.name).join(", then ")}, then ${last.step.name} again (same ids${sameKey}): each acknowledged, the duplicate as the original`,
      requests: [...steps.map(sign), sign(last)],
      labels: [...steps.map((s) => s.step.name), `${last.step.name} again`],
      expect: "same-ack",
      ifItFails: `${provider.displayName} delivers duplicates: a handler that errors on one makes it look undelivered (and retried), one that applies it twice double-credits; answer a repeat as the first and apply it once`,
      rule: habits.duplicates,
    });
  }
  if (habits.outOfOrder !== undefined && scenario.steps.length > 1) {
    const steps = render();
    const [earlier, last] = steps.slice(-2) as [RenderedStep, RenderedStep];
    const before = steps.slice(0, -2);
    cases.push({
      ...base,
      id: `${scenario.name}/out-of-order`,
      kind: "out-of-order",
      title: `${last.step.name} delivered before ${earlier.step.name}: both acknowledged`,
      requests: [...before, last, earlier].map(sign),
      labels: [...before, last, earlier].map((s) => s.step.name),
      expect: "ack-each",
      ifItFails: `${provider.displayName} delivers out of order: a handler that refuses the earlier status once it holds a later one makes it retry; acknowledge it, and keep the later state (${last.step.name})`,
      rule: habits.outOfOrder,
    });
  }
  return cases;
}

/**
 * The scenario a provider's lifecycle checks play: the one named (`--scenario`), else the one its
 * habits name, else its first of two steps or more, else its first. Undefined for a provider whose docs
 * say nothing of duplicates or ordering (no lifecycle check follows).
 */
export function lifecycleScenario(provider: Provider, named?: string): Scenario | undefined {
  if (provider.delivery?.duplicates === undefined && provider.delivery?.outOfOrder === undefined) {
    if (named === undefined) return undefined;
    throw new WhkInputError("no-lifecycle-checks", `--scenario ${named}: ${provider.displayName}'s docs say nothing of duplicate or out-of-order deliveries, so probe has no lifecycle check to play it with`, "drop --scenario, or run it with `whk scenario run`");
  }
  if (named !== undefined) {
    const scenario = getScenario(named);
    if (scenario.provider !== provider.name) throw new WhkInputError("wrong-scenario", `--scenario ${named} plays ${getProvider(scenario.provider).displayName}'s deliveries, not ${provider.displayName}'s`, `pick one of ${scenariosOf(provider.name).map((s) => s.name).join(", ")}`);
    return scenario;
  }
  const all = scenariosOf(provider.name);
  return all.find((s) => s.name === provider.delivery?.scenario) ?? all.find((s) => s.steps.length > 1) ?? all[0];
}
