import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/primitives/random.js";
import { getProvider } from "../../src/providers/index.js";
import { planDeliveries, type FaultRequest } from "../../src/scenario/plan-deliveries.js";
import { renderScenario } from "../../src/scenario/render-scenario.js";
import { getScenario } from "../../src/scenario/scenario-catalog.js";

const render = (name: string) => renderScenario(getScenario(name), { url: "http://127.0.0.1:9/hook", random: seededRandom(1), now: new Date("2025-06-01T08:00:00Z") });
const aVaLifecycle = render("midtrans-va-settlement");
const aThreeStepLifecycle = [...aVaLifecycle, { ...aVaLifecycle[1]!, index: 3, step: { ...aVaLifecycle[1]!.step, name: "again" } }];
const midtrans = getProvider("midtrans");
const order = (plan: ReturnType<typeof planDeliveries>) => plan.deliveries.map((d) => `${d.rendered.step.name}${d.fault !== undefined ? `:${d.fault}` : ""}`);

describe("planning a scenario run's faults", () => {
  it("delivers the lifecycle's order without faults", () => {
    expect(order(planDeliveries(aVaLifecycle, {}, midtrans, seededRandom(3)))).toEqual(["pending", "settlement"]);
  });

  it("--reorder delivers a step before the one before it, citing the provider's docs", () => {
    const plan = planDeliveries(aVaLifecycle, { reorder: true }, midtrans, seededRandom(3));
    expect(order(plan)).toEqual(["settlement:reordered", "pending"]);
    expect(plan.faults).toEqual([{ kind: "reorder", step: "settlement", before: "pending", rule: midtrans.delivery?.outOfOrder }]);
    expect(order(planDeliveries(aThreeStepLifecycle, { reorder: "again" }, midtrans, seededRandom(3)))).toEqual(["pending", "again:reordered", "settlement"]);
  });

  it("--duplicate delivers the same rendered request again, after the original", () => {
    for (let seed = 0; seed < 40; seed++) {
      const plan = planDeliveries(aThreeStepLifecycle, { duplicate: "settlement" }, midtrans, seededRandom(seed));
      const names = plan.deliveries.map((d) => d.rendered.step.name);
      const copy = plan.deliveries.findIndex((d) => d.fault === "duplicate");
      expect(names.filter((n) => n === "settlement")).toHaveLength(2);
      expect(copy).toBeGreaterThan(names.indexOf("settlement"));
      expect(plan.deliveries[copy]!.rendered).toBe(plan.deliveries[names.indexOf("settlement")]!.rendered);
      expect(plan.faults[0]).toMatchObject({ kind: "duplicate", step: "settlement", position: copy + 1, rule: midtrans.delivery?.duplicates });
    }
  });

  it("puts a duplicate right after its original or after later steps, as redeliveries come", () => {
    const positions = new Set(Array.from({ length: 60 }, (_, seed) => planDeliveries(aThreeStepLifecycle, { duplicate: "pending" }, midtrans, seededRandom(seed)).faults[0]));
    expect(new Set([...positions].map((f) => (f?.kind === "duplicate" ? f.position : 0)))).toEqual(new Set([2, 3, 4]));
  });

  it("makes the same choices for the same seed", () => {
    const faults: FaultRequest = { duplicate: true, reorder: true };
    expect(order(planDeliveries(aThreeStepLifecycle, faults, midtrans, seededRandom("9:faults")))).toEqual(order(planDeliveries(aThreeStepLifecycle, faults, midtrans, seededRandom("9:faults"))));
  });

  it.each([
    [{ reorder: true }, "paycombat", "--reorder: Paycombat's docs say nothing of out-of-order delivery, so whk does not simulate it"],
    [{ reorder: "pending" }, "midtrans", '--reorder pending: "pending" is the first step, so nothing comes before it'],
    [{ duplicate: "paid" }, "midtrans", '--duplicate paid: the scenario has no step "paid"'],
  ] as [FaultRequest, string, string][])("refuses %j for %s before anything is sent", (faults, provider, message) => {
    expect(() => planDeliveries(aVaLifecycle, faults, getProvider(provider), seededRandom(1))).toThrow(message);
  });

  it("refuses --reorder on a one-step scenario", () => {
    expect(() => planDeliveries(render("xendit-invoice-paid"), { reorder: true }, midtrans, seededRandom(1))).toThrow("--reorder needs a scenario of two steps or more");
  });

  it("rests a duplicate on the provider's retries when its docs name no duplicates, and on nothing when they name neither", () => {
    const xendit = planDeliveries(render("xendit-invoice-paid"), { duplicate: true }, getProvider("xendit"), seededRandom(1));
    expect(xendit.faults[0]).toMatchObject({ rule: { url: getProvider("xendit").retry.source } });
    const paycombat = planDeliveries(render("paycombat-va-payin"), { duplicate: true }, getProvider("paycombat"), seededRandom(1));
    expect(paycombat.faults[0]).not.toHaveProperty("rule");
  });
});
