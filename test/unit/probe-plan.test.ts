import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixturesOf } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { mistakesFor } from "../../src/probe/diagnose.js";
import type { ProbeOutcome } from "../../src/probe/judge-probe.js";
import { buildProbeCases } from "../../src/probe/probe-cases.js";
import { runProbe, type ProbeDelivery } from "../../src/probe/run-probe.js";
import { providers } from "../../src/providers/index.js";

const aSecret = "plan-secret-91b2";
const aUrl = "http://127.0.0.1:3000/webhooks/in";
const anInstant = new Date("2025-05-15T05:34:31.000Z");
const plan = (provider: keyof typeof providers, timeoutMs = 10_000) =>
  buildProbeCases({ fixtures: fixturesOf(provider), url: aUrl, secret: aSecret, now: anInstant, toleranceMs: 300_000, timeoutMs });

const answer = (status: number, elapsedMs = 5, body = ""): ProbeOutcome => ({ answer: { status, headers: {}, body }, elapsedMs });
const isGenuine = (request: WebhookRequest) => request.headers["x-callback-token"] === aSecret;

describe("probe's documented timeout check", () => {
  it("genuine deliveries wait as long as the provider documents, forgeries the run's own timeout", () => {
    const { cases } = plan("xendit");
    const genuine = cases.filter((c) => c.kind === "valid");
    expect(genuine.length).toBeGreaterThan(1);
    expect(genuine.map((c) => c.deadlineMs)).toEqual(genuine.map(() => 30_000));
    expect(cases.find((c) => c.kind === "wrong-secret")?.deadlineMs).toBeUndefined();
    expect(cases.find((c) => c.kind === "timeout")).toMatchObject({
      expect: "in-time",
      requests: [],
      rule: { url: "https://docs.xendit.co/webhook/getting-started/" },
      measures: { withinMs: 30_000 },
    });
  });

  it("a handler that gives no answer within Xendit's 30 s fails, with the time waited and the rule", async () => {
    const rows = await runProbe(plan("xendit").cases, async (request, deadline) =>
      isGenuine(request) ? { fault: `no answer within ${deadline} ms`, timedOut: true, elapsedMs: deadline ?? 0 } : answer(401));
    const timeout = rows.find((row) => row.probe.kind === "timeout");
    expect(timeout?.verdict).toMatchObject({ result: "fail", got: "no answer in 30s", consequence: expect.stringMatching(/marks an event Timeout .* does not retry/) });
  });

  it("a handler that answers in time passes with its slowest answer time", async () => {
    const rows = await runProbe(plan("xendit").cases, async (request) => (isGenuine(request) ? answer(200, request.url.length % 7 === 0 ? 1200 : 40) : answer(401)));
    const genuine = rows.filter((row) => row.probe.kind === "valid").length;
    expect(rows.find((row) => row.probe.kind === "timeout")?.verdict).toMatchObject({ result: "pass", got: expect.stringMatching(new RegExp(`^slowest of ${genuine}: (40ms|1\\.2s)$`)) });
  });

  it("a provider that documents no timeout gets no such check, and a note says so", () => {
    const { cases, notes } = plan("fazz");
    expect(cases.some((c) => c.kind === "timeout")).toBe(false);
    expect(notes[0]).toBe("Fazz (Xfers) documents no delivery timeout, so probe checked none (it waited --timeout, 10s, for each answer).");
  });
});

describe("probe when a genuine delivery is rejected", () => {
  it("checks that build on it are skipped, not failed; forgeries still run", async () => {
    const rows = await runProbe(plan("topremit").cases, async () => answer(401));
    const by = (kind: string) => rows.filter((row) => row.probe.kind === kind).map((row) => row.verdict.result);
    expect(by("valid")).toEqual(["fail", "fail"]);
    expect(by("replay")).toEqual(["skip"]);
    expect(by("raw-body")).toEqual(["skip", "skip", "skip"]);
    expect(by("wrong-secret")).toEqual(["pass"]);
  });

  it("re-sends it with each mistake in order and stops at the first one acknowledged", async () => {
    const { cases } = plan("topremit");
    const valid = cases[0];
    const accepted = valid?.mistakes?.[2];
    const sent: ProbeDelivery[] = [];
    const rows = await runProbe([valid!], async (request) => (request === accepted?.request ? answer(200, 5, "{}") : answer(401)), { onDelivery: (d) => sent.push(d) });
    expect(sent.map((d) => d.mistake?.cause)).toEqual([undefined, ...(valid?.mistakes ?? []).slice(0, 3).map((m) => m.cause)]);
    expect(rows[0]?.verdict.diagnosis).toBe(`your handler acknowledged the same delivery signed with a known mistake: ${accepted?.handlerDoes}`);
  });

  it("a wrong acknowledgement body (a 2xx) is not a rejection: nothing is re-sent", async () => {
    const sent: ProbeDelivery[] = [];
    await runProbe([plan("topremit").cases[0]!], async () => answer(200, 5, "OK"), { onDelivery: (d) => sent.push(d) });
    expect(sent).toHaveLength(1);
  });
});

describe("the mistakes probe signs, checked with formulas written here", () => {
  const unsignedMidtrans = prepareFixtureRequest({ fixture: "midtrans-card-capture", url: aUrl, seed: 1 });
  const field = (request: WebhookRequest, name: string): string => (JSON.parse(request.body.toString("utf8")) as Record<string, string>)[name] ?? "";
  const sha512 = (text: string) => createHash("sha512").update(text).digest("hex");

  it("Midtrans: the three signed fields in every other order", () => {
    const orders = mistakesFor(providers.midtrans, unsignedMidtrans, aSecret, anInstant).filter((m) => m.cause === "field-order");
    expect(orders).toHaveLength(5);
    const swapped = orders.find((m) => m.handlerDoes.startsWith("it joins the signed fields as order_id + gross_amount + status_code"));
    const r = swapped!.request;
    expect(field(r, "signature_key")).toBe(sha512(`${field(r, "order_id")}${field(r, "gross_amount")}${field(r, "status_code")}${aSecret}`));
  });

  it("Midtrans: gross_amount formatted again (10000.00 signed as 10000)", () => {
    const formats = mistakesFor(providers.midtrans, unsignedMidtrans, aSecret, anInstant).filter((m) => m.cause === "field-format");
    const r = formats.find((m) => /written "\d+"/.test(m.handlerDoes))!.request;
    const amount = field(r, "gross_amount");
    expect(amount).toMatch(/\.00$/);
    expect(field(r, "signature_key")).toBe(sha512(`${field(r, "order_id")}${field(r, "status_code")}${amount.replace(/\.00$/, "")}${aSecret}`));
  });

  it("a static token: no misread token goes on the wire, and there is nothing else to get wrong", () => {
    const unsigned = prepareFixtureRequest({ fixture: "xendit-invoice-paid", url: aUrl, seed: 1 });
    expect(mistakesFor(providers.xendit, unsigned, aSecret, anInstant)).toEqual([]);
  });

  it("no mistake is the genuine delivery again, or another mistake twice", () => {
    const unsigned = prepareFixtureRequest({ fixture: "topremit-va", url: `${aUrl}?env=test`, seed: 1 });
    const mistakes = mistakesFor(providers.topremit, unsigned, aSecret, anInstant);
    const genuine = providers.topremit.scheme.sign(unsigned, { secret: aSecret, now: anInstant });
    const signatures = mistakes.map((m) => m.request.headers["X-SIGNATURE"]);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect(signatures).not.toContain(genuine.headers["X-SIGNATURE"]);
    expect(mistakes.map((m) => m.cause)).toEqual(expect.arrayContaining(["path-query", "path-absolute-url", "path-prefix", "token-bearer", "body-reformatted", "secret-whitespace"]));
  });

  it("Billplz (a sorted-fields form): the fields in the body's order, signed as a handler that forgets to sort would", () => {
    const unsigned = prepareFixtureRequest({ fixture: "billplz-bill-paid", url: aUrl, seed: 1 });
    const bodyOrder = mistakesFor(providers.billplz, unsigned, aSecret, anInstant).find((m) => m.handlerDoes.startsWith("it joins the fields in the body's order"));
    const form = new URLSearchParams(bodyOrder!.request.body.toString("utf8"));
    const items = [...form.entries()].filter(([name]) => name !== "x_signature").map(([name, value]) => `${name}${value}`);
    expect(form.get("x_signature")).toBe(createHmac("sha256", aSecret).update(items.join("|")).digest("hex"));
  });
});

describe("probe's plan for every bundled provider", () => {
  // A key the provider's scheme decodes (Adyen's hex) must not stop the plan: a misread of it is no mistake to try.
  it.each(Object.keys(providers) as (keyof typeof providers)[])("%s: builds with a secret of the provider's own kind", (name) => {
    const secret = providers[name].testSecret ?? aSecret;
    const { cases } = buildProbeCases({ fixtures: fixturesOf(name), url: aUrl, secret, now: anInstant, toleranceMs: 300_000, timeoutMs: 10_000 });
    expect(cases.filter((c) => c.kind === "valid").length).toBeGreaterThan(0);
  });
});
