import { describe, expect, it } from "vitest";
import { startServer, type CapturedRequest, type Reply } from "../helpers/http-server.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { outputOf, runWhk } from "../helpers/run-whk.js";

const aSecret = "probe-lifecycle-7c2a";

interface Check { id: string; check: string; fixture: string; pass: boolean; got: string; why?: string; rule?: { says: string; url: string } }

/** How a Midtrans handler treats a notification it has seen before, or one older than the state it holds. */
type Style = "idempotent" | "rejects-repeats" | "rejects-stale";

const RANK: Record<string, number> = { pending: 0, settlement: 1, capture: 1, expire: 2, refund: 3 };

/**
 * A Midtrans handler as merchants write one: it checks signature_key (the test's own verifier), keeps
 * each order's state, and answers 200. One that "rejects-repeats" answers 409 to a notification it has
 * already processed; one that "rejects-stale" answers 409 to a status older than the order's.
 */
function midtransHandler(style: Style): (request: CapturedRequest) => Reply {
  const seen = new Set<string>();
  const state = new Map<string, number>();
  return (request) => {
    if (!checkDelivery("midtrans-notification", request, aSecret).ok) return { status: 401, body: "bad signature" };
    const body = JSON.parse(request.body.toString("utf8")) as { order_id: string; transaction_status: string };
    const key = `${body.order_id}/${body.transaction_status}`;
    const rank = RANK[body.transaction_status] ?? 0;
    if (style === "rejects-repeats" && seen.has(key)) return { status: 409, body: "already processed" };
    if (style === "rejects-stale" && rank < (state.get(body.order_id) ?? -1)) return { status: 409, body: "stale status" };
    seen.add(key);
    state.set(body.order_id, Math.max(rank, state.get(body.order_id) ?? -1));
    return { status: 200, body: "OK" };
  };
}

async function probeMidtrans(style: Style, extra: string[] = []) {
  const server = await startServer(midtransHandler(style));
  try {
    const run = await runWhk(["probe", "midtrans", "--to", `${server.url}notify`, "--secret", aSecret, "--json", ...extra]);
    return { run, checks: (JSON.parse(run.stdout) as { checks: Check[] }).checks };
  } finally {
    await server.close();
  }
}

const lifecycle = (checks: Check[]) => checks.filter((c) => c.check === "duplicate" || c.check === "out-of-order");

describe("whk probe: the lifecycle checks providers' docs call for", () => {
  it("passes a handler that acknowledges a duplicate and a stale status, citing the docs for each check", async () => {
    const { run, checks } = await probeMidtrans("idempotent");
    expect(run.code, outputOf(run)).toBe(0);
    expect(lifecycle(checks).map((c) => [c.id, c.pass, c.got])).toEqual([
      ["midtrans-va-settlement/duplicate", true, "200 OK, then 200 OK, then 200 OK"],
      ["midtrans-va-settlement/out-of-order", true, "200 OK, then 200 OK"],
    ]);
    for (const check of lifecycle(checks)) expect(check.rule?.url).toBe("https://docs.midtrans.com/docs/https-notification-webhooks");
  });

  it("fails a handler that refuses a repeat: the duplicate check says what came back and what Midtrans does", async () => {
    const { run, checks } = await probeMidtrans("rejects-repeats");
    expect(run.code).toBe(1);
    const duplicate = checks.find((c) => c.check === "duplicate");
    expect(duplicate).toMatchObject({ pass: false, got: "200 OK, then 200 OK, then 409 already processed", why: "delivery 3 (settlement again) was not acknowledged: expected a 2xx answer, got HTTP 409" });
    expect(checks.find((c) => c.check === "out-of-order")?.pass).toBe(true);
  });

  it("fails a handler that refuses a stale status delivered after a later one", async () => {
    const { run, checks } = await probeMidtrans("rejects-stale");
    expect(run.code).toBe(1);
    expect(checks.find((c) => c.check === "out-of-order")).toMatchObject({ pass: false, got: "200 OK, then 409 stale status", why: "delivery 2 (pending) was not acknowledged: expected a 2xx answer, got HTTP 409" });
    expect(checks.find((c) => c.check === "duplicate")?.pass).toBe(true);
  });

  it("plays the scenario --scenario names, and prints the docs' words under the table", async () => {
    const server = await startServer(midtransHandler("idempotent"));
    try {
      const run = await runWhk(["probe", "midtrans", "--to", `${server.url}notify`, "--secret", aSecret, "--scenario", "midtrans-settlement-refund"]);
      expect(run.code, outputOf(run)).toBe(0);
      expect(run.stdout).toMatch(/pass\s+duplicate\s+midtrans-settlement-refund\s+200 OK, then 200 OK, then 200 OK/);
      expect(run.stdout).toMatch(/pass\s+out-of-order\s+midtrans-settlement-refund\s+200 OK, then 200 OK/);
      expect(run.stdout).toContain('why the lifecycle checks (midtrans-settlement-refund):\n  duplicate: Midtrans: "in extremely rare cases we may send multiple notifications');
    } finally {
      await server.close();
    }
  });

  it.each([
    [["probe", "paycombat", "--scenario", "paycombat-va-payin"], "Paycombat's docs say nothing of duplicate or out-of-order deliveries"],
    [["probe", "midtrans", "--scenario", "stripe-payment-refund"], "--scenario stripe-payment-refund plays Stripe's deliveries, not Midtrans's"],
    [["probe", "midtrans-refund", "--scenario", "midtrans-va-settlement"], "--scenario plays a lifecycle, and midtrans-refund is one fixture"],
  ])("refuses %j before sending anything", async (args, message) => {
    const run = await runWhk([...args, "--to", "127.0.0.1:9", "--secret", aSecret]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
