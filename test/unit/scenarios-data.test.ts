import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixturesOf, getFixture } from "../../src/fixtures/fixture-catalog.js";
import { cryptoRandom, seededRandom } from "../../src/primitives/random.js";
import { allProviders, providerNames } from "../../src/providers/index.js";
import { renderScenario } from "../../src/scenario/render-scenario.js";
import { allScenarios, getScenario, scenariosOf } from "../../src/scenario/scenario-catalog.js";

// The bundled scenarios as data: where they are, what they say of their sources, what they cover.

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures");
const files = providerNames.flatMap((provider) => readdirSync(join(fixturesDir, provider)).filter((name) => name.endsWith(".scenario.json")).map((name) => `${provider}/${name}`));
const bundled = allScenarios();
const strength = { verbatim: 2, reconstructed: 1, inferred: 0 } as const;

/** The lifecycles issue 16 asks for, as the fixtures their steps play in order. */
const required: string[][] = [
  ["paycombat-va-register", "paycombat-payin-success"],
  ["fazz-va-dynamic", "fazz-disbursement"],
  ["fazz-va-dynamic", "fazz-disbursement-failed"],
  ["midtrans-bca-va-pending", "midtrans-bca-va-settlement"],
  ["midtrans-bca-va-pending", "midtrans-bca-va-pending"],
  ["midtrans-gopay-settlement", "midtrans-refund"],
  ["xendit-va-created", "xendit-va-paid"],
  ["xendit-invoice-paid"],
  ["doku-va-bca"],
  ["topremit-va"],
  ["stripe-payment-intent-succeeded", "stripe-charge-refunded"],
  ["paymongo-payment-paid"],
  ["adyen-authorisation", "adyen-refund"],
  ["chaipay-payin", "chaipay-refund"],
];

describe("the bundled scenarios", () => {
  it("are every *.scenario.json beside the fixtures, each named <provider>-<file name>", () => {
    expect(bundled.map((s) => s.file).sort()).toEqual(files.map((f) => `fixtures/${f}`).sort());
    for (const scenario of bundled) expect(scenario.file).toBe(`fixtures/${scenario.provider}/${scenario.name.slice(scenario.provider.length + 1)}.scenario.json`);
  });

  it("cover every lifecycle the issue names", () => {
    const played = bundled.map((s) => s.steps.map((step) => step.fixture).join(" → "));
    for (const fixtures of required) expect(played, fixtures.join(" → ")).toContain(fixtures.join(" → "));
  });

  it("exist for every provider with more than one documented event", () => {
    for (const { name } of allProviders()) {
      if (fixturesOf(name).length > 1) expect(scenariosOf(name).length, name).toBeGreaterThan(0);
    }
  });

  it.each(bundled.map((s) => [s.name, s]))("%s says which docs describe its lifecycle, and how each step was made", (_name, scenario) => {
    expect(scenario.provenance?.source).toBeTruthy();
    expect(scenario.provenance?.url).toMatch(/^https:\/\//);
    expect(scenario.provenance?.notes).toBeTruthy();
    for (const step of scenario.steps) {
      expect(step.provenance, step.name).toBeDefined();
      // A step is at most as documented as its fixture: a verbatim step needs a verbatim fixture.
      expect(strength[step.provenance!.method], `${scenario.name}/${step.name}`).toBeLessThanOrEqual(strength[getFixture(step.fixture).provenance.method]);
      // Changing a documented status is a reconstruction: a step that sets one cannot claim verbatim.
      if (Object.keys(step.set ?? {}).some((path) => /(^|\.)(status|transaction_status|status_code|eventCode)$/.test(path))) expect(step.provenance!.method).not.toBe("verbatim");
    }
  });

  it.each(bundled.map((s) => [s.name, s]))("%s renders the same bytes for the same seed, fresh ones without", (_name, scenario) => {
    const render = (random = seededRandom(5)) => renderScenario(scenario, { url: "http://127.0.0.1:9/hook", random, now: new Date("2025-06-01T08:00:00Z") });
    const [a, b, fresh] = [render(), render(), render(cryptoRandom)];
    expect(a.map((s) => s.request.body.toString())).toEqual(b!.map((s) => s.request.body.toString()));
    expect(a.map((s) => s.request.headers)).toEqual(b!.map((s) => s.request.headers));
    expect(fresh!.map((s) => s.request.body.toString())).not.toEqual(a.map((s) => s.request.body.toString()));
  });

  it("name the scenario probe plays for each provider that names one, of that provider", () => {
    for (const provider of allProviders()) {
      const name = provider.delivery?.scenario;
      if (name !== undefined) expect(getScenario(name).provider).toBe(provider.name);
    }
  });
});
