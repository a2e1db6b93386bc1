import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/scenario/check-scenario.js";
import { scenarioFileSchema } from "../../src/scenario/scenario-file-schema.js";
import { countIssues, KNOWN_KEYWORDS } from "../../src/primitives/json-schema-check.js";
import { keywordsIn, publishedSchema } from "../helpers/published-schema.js";

// `npm run schemas` regenerates scenario.schema.json (shipped at the package root) from the zod schema.
const { path: schemaPath, generated, published } = publishedSchema("scenario.schema.json", scenarioFileSchema);

const aPaidStep = { name: "paid", fixture: "midtrans-bca-va-settlement" };

const goodScenarios: unknown[] = [
  { name: "shop-order-paid", title: "Paid", steps: [aPaidStep] },
  {
    $schema: "./node_modules/whk/scenario.schema.json",
    name: "shop-va",
    title: "Pending, then paid",
    description: "a VA order",
    provenance: { source: "our notes", url: "https://docs.midtrans.com/docs/https-notification-webhooks", notes: "from a capture" },
    steps: [
      { name: "pending", fixture: "midtrans-bca-va-pending", provenance: { method: "reconstructed", notes: "x" } },
      { name: "settled_1", fixture: "midtrans-bca-va-settlement", wait: "1.5s", set: { order_id: "${steps.pending.body.order_id}", "va_numbers.0": { va_number: "1", bank: "bca" } }, headers: { "X-Trace": "t-${steps.pending.body.transaction_id}" } },
    ],
  },
];

const badScenarios: [unknown, string][] = [
  [{ name: "Shop", title: "t", steps: [aPaidStep] }, "name: expected a scenario name (lower-case words joined by dashes)"],
  [{ name: "shop", title: "t", step: [aPaidStep] }, "steps: required"],
  [{ name: "shop", title: "t", steps: [aPaidStep], stpes: [] }, "stpes: unexpected key (expected $schema, name, title, description, provenance or steps)"],
  [{ name: "shop", title: "t", steps: [{ name: "paid" }] }, "steps.0.fixture: required"],
  [{ name: "shop", title: "t", steps: [{ ...aPaidStep, wait: "2" }] }, "steps.0.wait:"],
  [{ name: "shop", title: "t", steps: [{ ...aPaidStep, provenance: { method: "copied", notes: "x" } }] }, "steps.0.provenance.method: expected verbatim, reconstructed or inferred"],
];

describe("scenario.schema.json, the published schema of scenario files", () => {
  it("is generated from the zod schema and up to date (else run `npm run schemas`)", () => {
    expect(readFileSync(schemaPath, "utf8")).toBe(generated);
  });

  it("uses only keywords whk's own validator knows (whk checks scenarios without zod)", () => {
    expect([...keywordsIn(published)].filter((k) => !KNOWN_KEYWORDS.has(k) && k !== "$schema")).toEqual([]);
  });

  it("agrees with zod on good and bad scenarios", () => {
    for (const scenario of [...goodScenarios, ...badScenarios.map(([scenario]) => scenario)]) {
      expect(countIssues(published, scenario) === 0, JSON.stringify(scenario)).toBe(scenarioFileSchema.safeParse(scenario).success);
    }
  });
});

describe("checkScenario: one line naming the file, the step and where", () => {
  it.each(goodScenarios.map((s) => [(s as { name: string }).name, s]))("accepts %s", (_name, scenario) => {
    expect(checkScenario(scenario, "shop.scenario.json", false)).toMatchObject({ provider: "midtrans", file: "shop.scenario.json", bundled: false });
  });

  it.each(badScenarios)("rejects %j", (scenario, message) => {
    expect(() => checkScenario(scenario, "shop.scenario.json", false)).toThrow(`shop.scenario.json: ${message}`);
  });

  const withSteps = (...steps: unknown[]) => ({ name: "shop", title: "t", steps });
  it.each([
    [withSteps(), "steps: a scenario needs at least one step"],
    [withSteps(aPaidStep, aPaidStep), 'steps.1.name: two steps are named "paid"'],
    [withSteps({ name: "paid", fixture: "midtrans-bca-va-setlement" }), 'step "paid": fixture: unknown fixture "midtrans-bca-va-setlement"'],
    [withSteps(aPaidStep, { name: "refund", fixture: "stripe-charge-refunded" }), "step \"refund\": fixture: stripe-charge-refunded is Stripe's, and the steps before it are Midtrans's"],
    [withSteps(aPaidStep, { name: "again", fixture: "midtrans-refund", set: { order_id: "${steps.pending.body.order_id}" } }), 'step "again": set.order_id: ${steps.pending.body.order_id}: "pending" is no step before this one (those are paid)'],
    [withSteps({ ...aPaidStep, set: { order_id: "${steps.paid.body.order_id}" } }), 'step "paid": set.order_id: ${steps.paid.body.order_id}: "paid" is this step itself'],
    [withSteps(aPaidStep, { name: "again", fixture: "midtrans-refund", headers: { "X-Id": "${steps.paid.order_id}" } }), 'step "again": headers.X-Id: "${steps.paid.order_id}" is not a reference'],
    [withSteps(aPaidStep, { name: "again", fixture: "midtrans-refund", set: { "items.0": "${steps.paid.body.order_id" } }), 'step "again": set.items.0: "${steps.paid.body.order_id" opens a reference and never closes it'],
    [withSteps({ ...aPaidStep, set: { "a..b": 1 } }), 'step "paid": set.a..b: "a..b" is not a valid JSON path'],
  ])("rejects a scenario whose steps do not hold together (%#)", (scenario, message) => {
    expect(() => checkScenario(scenario, "shop.scenario.json", false)).toThrow(`shop.scenario.json: ${message}`);
  });
});
