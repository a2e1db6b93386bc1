import type { Fixture } from "../fixtures/fixture.js";
import { getFixture } from "../fixtures/fixture-catalog.js";
import { prepareFixtureRequest, type FieldOverride } from "../fixtures/prepare-fixture-request.js";
import { bodyKindOf, readFieldJson } from "../primitives/body-text.js";
import { WhkInputError } from "../primitives/errors.js";
import { getHeader, type Headers } from "../primitives/headers.js";
import type { Random } from "../primitives/random.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { inStep } from "./check-scenario.js";
import { resolveJson, resolveText, type Lookup } from "./references.js";
import type { Scenario, ScenarioStep } from "./scenario.js";

/** One step, rendered: its fixture with fresh ids, `set` and `headers` applied, every reference resolved. Not signed yet. */
export interface RenderedStep {
  step: ScenarioStep;
  /** 1-based position in the scenario (the lifecycle's order, whatever order faults deliver it in). */
  index: number;
  fixture: Fixture;
  request: WebhookRequest;
}

export interface RenderOptions {
  url: string;
  /** One stream for the whole scenario: a seeded one reproduces every step's ids. */
  random: Random;
  /** The clock for body timestamps. */
  now: Date;
  /** Headers every step carries (the project's, then --header), over the step's own. */
  headers?: Headers;
  /** Values for the provider's declared options (an access token...), the same for every step. */
  options?: Readonly<Record<string, string>>;
}

/** What `${steps.<step>.<part>.<path>}` names in an earlier rendered step, as JSON text; an input error when it names nothing. */
function lookupIn(rendered: readonly RenderedStep[]): Lookup {
  return (reference) => {
    const source = rendered.find((r) => r.step.name === reference.step) as RenderedStep;
    const what = `step "${source.step.name}" (${source.fixture.id})`;
    if (reference.part === "headers") {
      const value = getHeader(source.request.headers, reference.path);
      if (value === undefined) throw new WhkInputError("bad-reference", `${reference.text}: ${what} has no header "${reference.path}" (before signing it has ${Object.keys(source.request.headers).join(", ")})`, "name one of those headers, or a body field with .body.");
      return JSON.stringify(value);
    }
    const text = source.request.body.toString("utf8");
    const json = readFieldJson(bodyKindOf(source.request.headers), text, reference.path);
    if (json === undefined) throw new WhkInputError("bad-reference", `${reference.text}: ${what} has no body field "${reference.path}"`, `see its fields with \`whk show ${source.fixture.id}\``);
    return json;
  };
}

/**
 * Renders every step in the scenario's order, each from its fixture with the shared random stream,
 * then its `set` and `headers` with references resolved against the steps rendered before it. Every
 * problem (a reference to a field a step lacks, a `set` path the body has not) is an input error naming
 * the file, the step and where, and is found before anything is sent.
 */
export function renderScenario(scenario: Scenario, options: RenderOptions): RenderedStep[] {
  const rendered: RenderedStep[] = [];
  for (const [position, step] of scenario.steps.entries()) {
    const fixture = getFixture(step.fixture);
    const lookup = lookupIn(rendered);
    const set: FieldOverride[] = Object.entries(step.set ?? {}).map(([path, value]) => ({ path, json: inStep(scenario.file, step, `set.${path}`, () => resolveJson(value, lookup)) }));
    const stepHeaders = Object.fromEntries(Object.entries(step.headers ?? {}).map(([name, value]) => [name, inStep(scenario.file, step, `headers.${name}`, () => resolveText(value, lookup))]));
    const headers = { ...stepHeaders, ...options.headers };
    const request = inStep(scenario.file, step, "set", () =>
      prepareFixtureRequest({
        fixture,
        url: options.url,
        random: options.random,
        now: options.now,
        set,
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
        ...(options.options !== undefined ? { options: options.options } : {}),
      }),
    );
    rendered.push({ step, index: position + 1, fixture, request });
  }
  return rendered;
}
