import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAll, startServer, type CapturedRequest, type Responder, type TestServer } from "../helpers/http-server.js";
import { lifecycleRules, type ReceivedStep } from "../helpers/lifecycle-ids.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { jsonLines, outputOf, runWhk, runWhkSync, stackFrames } from "../helpers/run-whk.js";

/** Hex, so it is a key for every scheme (Adyen hex-decodes its key). */
const aSecret = "e2e5e9d7f2a04b6c";
const scratch = mkdtempSync(join(tmpdir(), "whk-scenario-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface StepLine {
  type: string;
  scenario: string;
  step: string;
  fixture: string;
  index: number;
  position: number;
  fault: "duplicate" | "reordered" | null;
  attempt: number;
  maxAttempts: number;
  status: number | null;
  ok: boolean;
  next?: string;
}
interface Summary { type: "summary"; seed: number; steps: number; deliveries: number; failed: number; faults: { kind: string; step: string; rule?: { url: string } }[]; ok: boolean }

const stepsOf = (stdout: string) => jsonLines<StepLine>(stdout).filter((line) => line.type === "step");
const summaryOf = (stdout: string) => jsonLines<Summary>(stdout).find((line) => line.type === "summary");

/** A body as its provider sent it: a form's fields, or JSON (parsed here, not by whk). */
function parsed(request: CapturedRequest): Record<string, unknown> {
  const text = request.body.toString("utf8");
  if (/x-www-form-urlencoded/.test(request.headers["content-type"] ?? "")) return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as Record<string, unknown>;
}

async function play(server: TestServer, name: string, extra: string[] = []) {
  const before = server.requests.length;
  const run = await runWhk(["scenario", "run", name, "--to", `${server.url}hooks/${name}`, "--secret", aSecret, "--json", ...extra]);
  return { run, steps: stepsOf(run.stdout), summary: summaryOf(run.stdout), received: server.requests.slice(before) };
}

describe("whk scenario run: every bundled lifecycle, against a receiver that checks each signature and how the ids correlate", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(acknowledgeAll);
  });
  afterAll(() => server.close());

  const names = (JSON.parse(runWhkSync(["scenario", "list", "--json"]).stdout) as { name: string }[]).map((s) => s.name);

  it("knows, for every bundled scenario, how its steps must relate (test/helpers/lifecycle-ids.ts)", () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(lifecycleRules).sort()).toEqual([...names].sort());
  });

  it.each(names)("%s: each step signed as its provider documents, acknowledged, its ids correlated", async (name) => {
    const { run, steps, summary, received } = await play(server, name);
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stderr).toBe("");
    expect(received).toHaveLength(steps.length);
    const byStep: Record<string, ReceivedStep> = {};
    received.forEach((request, i) => {
      const line = steps[i]!;
      expect(request.url).toBe(`/hooks/${name}`);
      expect(checkDelivery(line.fixture, request, aSecret), `${name}/${line.step}`).toMatchObject({ ok: true });
      expect(line).toMatchObject({ scenario: name, position: i + 1, index: i + 1, fault: null, ok: true, status: 200 });
      byStep[line.step] = { body: parsed(request), headers: request.headers };
    });
    expect(lifecycleRules[name]!(byStep)).toEqual([]);
    expect(summary).toMatchObject({ steps: steps.length, deliveries: steps.length, failed: 0, faults: [], ok: true });
    expect(run.stdout).not.toContain(aSecret);
  });

  it("--reorder and --duplicate: the later status first, then a step again with the same body and idempotency key, as the seed chose", async () => {
    // Given Midtrans, whose docs name both faults, and a seed
    const args = ["--reorder", "--duplicate", "pending", "--seed", "31"];
    const first = await play(server, "midtrans-va-settlement", args);
    const second = await play(server, "midtrans-va-settlement", args);
    // Then settlement goes before pending, pending goes again later, every delivery is validly signed
    expect(first.run.code, outputOf(first.run)).toBe(0);
    const order = first.steps.map((s) => `${s.step}${s.fault ? `:${s.fault}` : ""}`);
    expect(order[0]).toBe("settlement:reordered");
    expect(order.filter((o) => o === "pending:duplicate")).toHaveLength(1);
    expect(order.indexOf("pending:duplicate")).toBeGreaterThan(order.indexOf("pending"));
    first.received.forEach((request, i) => expect(checkDelivery(first.steps[i]!.fixture, request, aSecret)).toMatchObject({ ok: true }));
    const statuses = first.received.map((r) => parsed(r)["transaction_status"]);
    expect(statuses.slice(0, 2)).toEqual(["settlement", "pending"]);
    const original = first.received[order.indexOf("pending")]!;
    const copy = first.received[order.indexOf("pending:duplicate")]!;
    expect(copy.body.equals(original.body)).toBe(true);
    // And each fault cites the docs it comes from
    expect(first.summary?.faults.map((f) => [f.kind, f.rule?.url])).toEqual([
      ["reorder", "https://docs.midtrans.com/docs/https-notification-webhooks"],
      ["duplicate", "https://docs.midtrans.com/docs/https-notification-webhooks"],
    ]);
    // And the same seed gives the same run: same order, same bytes
    expect(second.steps.map((s) => [s.step, s.fault])).toEqual(first.steps.map((s) => [s.step, s.fault]));
    expect(second.received.map((r) => r.body.toString())).toEqual(first.received.map((r) => r.body.toString()));
  });

  it("--duplicate keeps the idempotency key: Topremit's X-EXTERNAL-ID, Razorpay's event id", async () => {
    for (const [name, header] of [["topremit-va-paid", "x-external-id"], ["razorpay-order-paid", "x-razorpay-event-id"]] as const) {
      const { run, steps, received } = await play(server, name, ["--duplicate", steps0(name)]);
      expect(run.code, outputOf(run)).toBe(0);
      const copy = steps.findIndex((s) => s.fault === "duplicate");
      const original = steps.findIndex((s) => s.step === steps[copy]!.step && s.fault === null);
      expect(received[copy]!.headers[header]).toBe(received[original]!.headers[header]);
      expect(received[copy]!.body.equals(received[original]!.body)).toBe(true);
      expect(checkDelivery(steps[copy]!.fixture, received[copy]!, aSecret)).toMatchObject({ ok: true });
    }
  });

  it("refuses --reorder where the provider documents no out-of-order delivery, before sending anything", async () => {
    const before = server.requests.length;
    const run = await runWhk(["scenario", "run", "paycombat-va-payin", "--to", server.url, "--reorder"]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toContain("--reorder: Paycombat's docs say nothing of out-of-order delivery");
    expect(server.requests.length).toBe(before);
  });
});

/** The step a test duplicates: the first of the scenario. */
function steps0(name: string): string {
  return name === "razorpay-order-paid" ? "captured" : "paid";
}

describe("whk scenario run: judging, retries, output and saving as whk send does", () => {
  const failFirst = (status: number): Responder => (request, index) => (index === 0 ? { status, body: "busy" } : acknowledgeAll(request, index));

  it("--retries retries a step the receiver does not acknowledge on the provider's schedule, before the next step", async () => {
    const server = await startServer(failFirst(500));
    try {
      const { run, steps, received } = await play(server, "midtrans-va-settlement", ["--retries", "--retry-speed", "max"]);
      expect(run.code, outputOf(run)).toBe(0);
      // Midtrans retries a 500 once: pending twice (500, then 200), then settlement
      expect(steps.map((s) => [s.step, s.attempt, s.maxAttempts, s.status])).toEqual([["pending", 1, 2, 500], ["pending", 2, 2, 200], ["settlement", 1, 6, 200]]);
      expect(received.map((r) => parsed(r)["transaction_status"])).toEqual(["pending", "pending", "settlement"]);
      expect(received[1]!.body.equals(received[0]!.body)).toBe(true);
      // ... announced as the one retry Midtrans makes after a 500
      expect(run.stderr).toContain("retry 1 of 1: the provider waits 2m; not waiting (--retry-speed max)");
    } finally {
      await server.close();
    }
  });

  it("--retry works too", async () => {
    const server = await startServer(failFirst(503));
    try {
      const { run, steps } = await play(server, "xendit-va-paid", ["--retry", "1", "--retry-speed", "max"]);
      expect(run.code, outputOf(run)).toBe(0);
      expect(steps.map((s) => [s.step, s.attempt, s.status])).toEqual([["created", 1, 503], ["created", 2, 200], ["paid", 1, 200]]);
    } finally {
      await server.close();
    }
  });

  it("a step that is not acknowledged is exit 1 with what the provider does next; later steps are still sent", async () => {
    const server = await startServer(failFirst(500));
    try {
      const run = await runWhk(["scenario", "run", "adyen-authorisation-refund", "--to", server.url, "--secret", aSecret]);
      expect(run.code, outputOf(run)).toBe(1);
      expect(server.requests).toHaveLength(2);
      expect(run.stdout).toMatch(/^adyen-authorisation-refund: AUTHORISATION, then REFUND → http:\/\/127\.0\.0\.1:\d+\/  \(seed \d+\)\n/);
      expect(run.stdout).toMatch(/\n✗ 1 authorised  adyen-authorisation  HTTP 500 Internal Server Error  [\d.]+ms\n    expected a 2xx answer, got HTTP 500\n    Adyen would retry in 9s .*; simulate it with --retries --retry-speed max\n/);
      expect(run.stdout).toMatch(/\n✓ 2 refunded    adyen-refund         HTTP 200 OK  [\d.]+ms\n/);
      expect(run.stdout).toMatch(/2 deliveries of 2 steps to http:\/\/127\.0\.0\.1:\d+\/: 1 not acknowledged \(1 authorised\)\n  repeat this run's ids and faults with --seed \d+\n$/);
    } finally {
      await server.close();
    }
  });

  it("--save writes each delivery exactly as sent, one file per step, which whk verify accepts", async () => {
    const server = await startServer(acknowledgeAll);
    const dir = join(scratch, "saved");
    try {
      const run = await runWhk(["scenario", "run", "stripe-payment-refund", "--to", server.url, "--secret", aSecret, "--duplicate", "refunded", "--save", `${dir}/`]);
      expect(run.code, outputOf(run)).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(["stripe-payment-refund.refunded-1.json", "stripe-payment-refund.refunded-2.json", "stripe-payment-refund.succeeded-1.json"]);
      const verify = await runWhk(["verify", dir, "--secret", aSecret]);
      expect(verify.code, outputOf(verify)).toBe(0);
      expect(verify.stdout).toContain("3 requests: 3 valid");
      expect(readdirSync(dir).map((f) => f).join()).not.toContain(aSecret);
    } finally {
      await server.close();
    }
  });
});

describe("a project's own scenarios, in its fixture folders", () => {
  const project = join(scratch, "project");
  const hooks = join(project, "webhooks");
  mkdirSync(hooks, { recursive: true });
  writeFileSync(join(project, "whk.config.json"), JSON.stringify({ fixtures: ["./webhooks"], providers: { midtrans: { secret: aSecret } } }));
  const write = (file: string, scenario: unknown) => writeFileSync(join(hooks, file), JSON.stringify(scenario, null, 2));
  write("shop-va.scenario.json", {
    name: "shop-va-paid-late",
    title: "Our VA order, paid after a reminder",
    steps: [
      { name: "pending", fixture: "midtrans-bca-va-pending" },
      { name: "paid", fixture: "midtrans-bca-va-settlement", wait: "20ms", set: { order_id: "${steps.pending.body.order_id}", gross_amount: "${steps.pending.body.gross_amount}", custom_field1: "shop-${steps.pending.body.order_id}" } },
    ],
  });

  it("lists and runs them like the bundled ones, references resolved", async () => {
    const list = runWhkSync(["scenario", "list", "--provider", "midtrans"], { cwd: project });
    expect(list.code, outputOf(list)).toBe(0);
    expect(list.stdout).toMatch(/shop-va-paid-late\s+midtrans\s+pending → paid\s+Our VA order, paid after a reminder\s+webhooks\/shop-va\.scenario\.json/);
    expect(list.stdout).toContain('duplicates:   in extremely rare cases we may send multiple notifications');
    const server = await startServer(acknowledgeAll);
    try {
      const run = await runWhk(["scenario", "run", "shop-va-paid-late", "--to", server.url, "--json"], { cwd: project });
      expect(run.code, outputOf(run)).toBe(0);
      expect(run.stderr).toContain('waiting 20ms before paid (its "wait")');
      const [pending, paid] = server.requests.map(parsed);
      expect(paid!["order_id"]).toBe(pending!["order_id"]);
      expect(paid!["custom_field1"]).toBe(`shop-${String(pending!["order_id"])}`);
      server.requests.forEach((request) => expect(checkDelivery("midtrans-x", request, aSecret)).toMatchObject({ ok: true }));
    } finally {
      await server.close();
    }
  });

  it.each([
    ["a reference to a step that is not there", { name: "bad-ref", title: "t", steps: [{ name: "a", fixture: "midtrans-bca-va-pending" }, { name: "b", fixture: "midtrans-bca-va-settlement", set: { order_id: "${steps.pendng.body.order_id}" } }] },
      'whk: webhooks/bad.scenario.json: step "b": set.order_id: ${steps.pendng.body.order_id}: "pendng" is no step before this one (those are a)\n'],
    ["a reference to a field the step does not have", { name: "bad-ref", title: "t", steps: [{ name: "a", fixture: "midtrans-bca-va-pending" }, { name: "b", fixture: "midtrans-bca-va-settlement", set: { order_id: "${steps.a.body.data.order_id}" } }] },
      'whk: webhooks/bad.scenario.json: step "b": set.order_id: ${steps.a.body.data.order_id}: step "a" (midtrans-bca-va-pending) has no body field "data.order_id"\n'],
    ["a header reference to a header the step lacks", { name: "bad-ref", title: "t", steps: [{ name: "a", fixture: "midtrans-bca-va-pending" }, { name: "b", fixture: "midtrans-bca-va-settlement", headers: { "X-Id": "${steps.a.headers.X-EXTERNAL-ID}" } }] },
      'whk: webhooks/bad.scenario.json: step "b": headers.X-Id: ${steps.a.headers.X-EXTERNAL-ID}: step "a" (midtrans-bca-va-pending) has no header "X-EXTERNAL-ID" (before signing it has Accept, Content-Type)\n'],
    ["a set path the fixture's body has not", { name: "bad-ref", title: "t", steps: [{ name: "a", fixture: "midtrans-bca-va-pending", set: { "meta.order": "x" } }] },
      'whk: webhooks/bad.scenario.json: step "a": set: the body has no "meta.order" to set\n'],
  ])("is exit 2 for %s, naming the file, the step and the path, with nothing sent", async (_what, scenario, message) => {
    const dir = join(scratch, `bad-${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(dir, "webhooks"), { recursive: true });
    writeFileSync(join(dir, "webhooks", "bad.scenario.json"), JSON.stringify(scenario));
    const server = await startServer(acknowledgeAll);
    try {
      const run = await runWhk(["--fixtures", "webhooks", "scenario", "run", "bad-ref", "--to", server.url], { cwd: dir });
      expect(run.code, outputOf(run)).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("  hint:")[0]).toBe(message);
      expect(stackFrames(run.stderr)).toEqual([]);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
