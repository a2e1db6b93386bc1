import { formatDuration } from "../primitives/duration.js";
import { WhkInputError } from "../primitives/errors.js";
import { randomBelow, type Random } from "../primitives/random.js";
import { allProviders } from "../providers/index.js";
import type { DocumentedRule, Provider } from "../providers/provider.js";
import type { RenderedStep } from "./render-scenario.js";

/** The faults a run asks for: a step's name, or `true` for one chosen by the run's random stream. */
export interface FaultRequest {
  /** Deliver a step a second time, same ids and idempotency key, later in the run. */
  duplicate?: string | true;
  /** Deliver a step before the one that precedes it in the lifecycle. */
  reorder?: string | true;
}

/** A fault as planned: what it does, and the documentation it rests on (none: the provider's docs are silent). */
export type Fault =
  | { kind: "duplicate"; step: string; position: number; rule?: DocumentedRule }
  | { kind: "reorder"; step: string; before: string; rule: DocumentedRule };

/** One delivery of a run: a step, and why it is where it is when a fault put it there. */
export interface PlannedDelivery {
  rendered: RenderedStep;
  fault?: "duplicate" | "reordered";
}

export interface DeliveryPlan {
  deliveries: PlannedDelivery[];
  faults: Fault[];
}

/** What makes a duplicate real for this provider: its documented duplicates, else its retries (an acknowledgement lost on the way back). */
export function duplicateRule(provider: Provider): DocumentedRule | undefined {
  if (provider.delivery?.duplicates) return provider.delivery.duplicates;
  const { retry } = provider;
  if (!retry.documented || retry.source === undefined) return undefined;
  const first = retry.delaysMs[0];
  return { says: `a delivery whose acknowledgement is lost is delivered again${first !== undefined ? `, first after ${formatDuration(first)}` : ""} (${retry.summary})`, url: retry.source };
}

function stepNamed(steps: readonly RenderedStep[], name: string, flag: string): RenderedStep {
  const found = steps.find((s) => s.step.name === name);
  if (found) return found;
  throw new WhkInputError("unknown-step", `${flag} ${name}: the scenario has no step "${name}"`, `its steps are ${steps.map((s) => s.step.name).join(", ")}`);
}

/** Which step goes before its predecessor; the named one, or one chosen at random among all but the first. */
function reorderedStep(steps: readonly RenderedStep[], request: string | true, provider: Provider, random: Random): { moved: RenderedStep; rule: DocumentedRule } {
  const rule = provider.delivery?.outOfOrder;
  if (rule === undefined) {
    const documenting = allProviders().filter((p) => p.delivery?.outOfOrder !== undefined).map((p) => p.displayName);
    throw new WhkInputError("reorder-undocumented", `--reorder: ${provider.displayName}'s docs say nothing of out-of-order delivery, so whk does not simulate it`, `the providers that document it: ${documenting.join(", ")}`);
  }
  if (steps.length < 2) throw new WhkInputError("reorder-one-step", "--reorder needs a scenario of two steps or more", "pick another scenario (`whk scenario list`)");
  if (request === true) return { moved: steps[1 + randomBelow(random, steps.length - 1)] as RenderedStep, rule };
  const moved = stepNamed(steps, request, "--reorder");
  if (moved.index === 1) throw new WhkInputError("reorder-first-step", `--reorder ${request}: "${request}" is the first step, so nothing comes before it`, `name a later step (${steps.slice(1).map((s) => s.step.name).join(", ")})`);
  return { moved, rule };
}

/**
 * The order a run delivers its steps in. Without faults, the scenario's. `reorder` delivers one step
 * just before the step that precedes it (where the provider documents out-of-order delivery: else an
 * input error); `duplicate` delivers one step again, same request, at a random later position (right
 * after it, or after later steps, as a redelivery can come). Random choices come from `random`: a
 * seeded stream gives the same plan every time.
 */
export function planDeliveries(steps: readonly RenderedStep[], faults: FaultRequest, provider: Provider, random: Random): DeliveryPlan {
  const deliveries: PlannedDelivery[] = steps.map((rendered) => ({ rendered }));
  const planned: Fault[] = [];
  if (faults.reorder !== undefined) {
    const { moved, rule } = reorderedStep(steps, faults.reorder, provider, random);
    const at = moved.index - 1;
    const earlier = deliveries[at - 1] as PlannedDelivery;
    deliveries.splice(at - 1, 2, { rendered: moved, fault: "reordered" }, earlier);
    planned.push({ kind: "reorder", step: moved.step.name, before: earlier.rendered.step.name, rule });
  }
  if (faults.duplicate !== undefined) {
    const original = faults.duplicate === true ? (steps[randomBelow(random, steps.length)] as RenderedStep) : stepNamed(steps, faults.duplicate, "--duplicate");
    const from = deliveries.findIndex((d) => d.rendered === original) + 1;
    const position = from + randomBelow(random, deliveries.length - from + 1);
    deliveries.splice(position, 0, { rendered: original, fault: "duplicate" });
    const rule = duplicateRule(provider);
    planned.push({ kind: "duplicate", step: original.step.name, position: position + 1, ...(rule !== undefined ? { rule } : {}) });
  }
  return { deliveries, faults: planned };
}
