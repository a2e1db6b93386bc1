import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { setHeader } from "../../src/primitives/headers.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";

// Each failure a buggy sender (or a receiver's framework) causes, made here with node:crypto, and the
// explanation `verify` gives through the schemes' hooks (no explain code knows a provider).

const aSecret = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const anInstant = new Date("2025-05-15T05:34:31.000Z");
const fixture = (id: string, set?: { path: string; json: string }[]): WebhookRequest =>
  prepareFixtureRequest({ fixture: id, url: "http://127.0.0.1:3000/hooks", seed: 9, ...(set ? { set } : {}) });
const sign = (request: WebhookRequest, options?: Record<string, string>): WebhookRequest =>
  signRequest(request, { provider: request.provider ?? "", secret: aSecret, now: anInstant, ...(options ? { options } : {}) });
const verify = (request: WebhookRequest, at = anInstant) => verifyRequest(request, { secret: aSecret, now: at });
const pretty = (request: WebhookRequest): WebhookRequest => ({ ...request, body: Buffer.from(JSON.stringify(JSON.parse(request.body.toString()), null, 2)) });
const form = (fields: [string, string][]): Buffer => Buffer.from(fields.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&"));

describe.each(["stripe-payment-intent-succeeded", "paymongo-payment-paid"])("%s", (id) => {
  it("a stale timestamp: valid, but out of tolerance", () => {
    expect(verify(sign(fixture(id)), new Date(anInstant.getTime() + 6 * 60_000))).toMatchObject({ ok: false, reason: "timestamp-out-of-tolerance" });
  });

  it("a body re-formatted after signing", () => {
    expect(verify(pretty(sign(fixture(id))))).toMatchObject({ ok: false, explain: { cause: "body-reformatted" } });
  });
});

describe("test and live mixed up", () => {
  it("PayMongo: a live-mode event signed in te, the test-mode field", () => {
    const live = fixture("paymongo-payment-paid", [{ path: "data.attributes.livemode", json: "true" }]);
    const result = verify(sign(live, { paymongoMode: "test" }));
    expect(result).toMatchObject({ ok: false, reason: "malformed-signature", detail: expect.stringContaining("li is empty, and the event is live-mode") });
    expect(result.explain).toMatchObject({ cause: "signature-mode", summary: expect.stringContaining("the te (test-mode) signature is valid") });
  });

  it("PayMongo: by default the event's own livemode picks the field", () => {
    const live = sign(fixture("paymongo-payment-paid", [{ path: "data.attributes.livemode", json: "true" }]));
    expect(live.headers["Paymongo-Signature"]).toMatch(/^t=\d+,te=,li=[0-9a-f]{64}$/);
    expect(verify(live).ok).toBe(true);
  });

  it("Stripe: the signature under v0, not v1", () => {
    const request = sign(fixture("stripe-payment-intent-succeeded"));
    const v0 = (request.headers["Stripe-Signature"] ?? "").replace("v1=", "v0=");
    expect(verify({ ...request, headers: setHeader(request.headers, "Stripe-Signature", v0) })).toMatchObject({ ok: false, reason: "malformed-signature", explain: { cause: "signature-key" } });
  });
});

describe("form callbacks: a field re-encoded or dropped", () => {
  const formHeaders = { "Content-Type": "application/x-www-form-urlencoded" };
  const billplz = (fields: [string, string][], signedFields = fields): WebhookRequest => {
    const source = signedFields.map(([k, v]) => `${k}${v}`).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)).join("|");
    const signature = createHmac("sha256", aSecret).update(source).digest("hex");
    return { method: "POST", url: "http://h/", headers: formHeaders, body: Buffer.concat([form(fields), Buffer.from(`&x_signature=${signature}`)]) };
  };
  const fields: [string, string][] = [["id", "zq0tm2wc"], ["paid", "true"], ["mobile", ""], ["paid_at", "2018-09-27 15:15:09 +0800"]];

  it("Billplz: the sender left out the empty fields", () => {
    expect(verify(billplz(fields, fields.filter(([, v]) => v !== ""))).explain).toMatchObject({ cause: "field-dropped", summary: expect.stringContaining("empty fields left out") });
  });

  it("Billplz: a field added after signing", () => {
    expect(verify(billplz([...fields, ["note", "x"]], fields)).explain).toMatchObject({ cause: "field-dropped", summary: expect.stringContaining("without the field note") });
  });

  it("HitPay v1: the sender signed the values still form-encoded", () => {
    const pairs: [string, string][] = [["payment_id", "p1"], ["payment_request_id", "r1"], ["phone", ""], ["amount", "599.00"], ["currency", "SGD"], ["status", "completed"], ["reference_number", "ABC 123/4"]];
    const body = form(pairs);
    const raw = body.toString().split("&").map((pair) => pair.split("=") as [string, string]);
    const source = raw.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}${v}`).join("");
    const request: WebhookRequest = { method: "POST", url: "http://h/", headers: formHeaders, body: Buffer.concat([body, Buffer.from(`&hmac=${createHmac("sha256", aSecret).update(source).digest("hex")}`)]) };
    expect(verify(request)).toMatchObject({ provider: "hitpay", explain: { cause: "field-encoding" } });
  });

  it("iPay88: the amount signed with its separators", () => {
    const pairs: [string, string][] = [["MerchantCode", "M00003"], ["PaymentId", "2"], ["RefNo", "A1"], ["Amount", "1,278.99"], ["Currency", "MYR"], ["Status", "1"]];
    const signature = createHash("sha256").update(`${aSecret}M000032A11,278.99MYR1`).digest("hex");
    const request: WebhookRequest = { method: "POST", url: "http://h/", headers: formHeaders, body: Buffer.concat([form(pairs), Buffer.from(`&Signature=${signature}`)]) };
    expect(verify(request)).toMatchObject({ provider: "ipay88", explain: { cause: "field-format", summary: expect.stringContaining('"1,278.99"') } });
  });

  it("iPay88: the old spec's SHA-1 in base64", () => {
    const request = sign(fixture("ipay88-payment-success"));
    const text = request.body.toString();
    const refNo = /RefNo=([^&]*)/.exec(text)?.[1] ?? "";
    const old = createHash("sha1").update(`${aSecret}M000032${refNo}100MYR1`).digest("base64");
    const body = Buffer.from(text.replace(/Signature=[0-9a-f]+/, `Signature=${encodeURIComponent(old)}`));
    expect(verify({ ...request, body })).toMatchObject({ reason: "malformed-signature", explain: { cause: "signature-algorithm", summary: expect.stringContaining("SHA-1") } });
  });
});

describe("Adyen, per item", () => {
  it("the HMAC key used as text, not hex-decoded", () => {
    const request = sign(fixture("adyen-authorisation"));
    const batch = JSON.parse(request.body.toString()) as { notificationItems: { NotificationRequestItem: Record<string, never> & { amount: { value: number; currency: string }; additionalData: { hmacSignature: string } } }[] };
    const item = batch.notificationItems[0]!.NotificationRequestItem;
    const data = [item["pspReference"], "", item["merchantAccountCode"], item["merchantReference"], item.amount.value, item.amount.currency, item["eventCode"], item["success"]].join(":");
    item.additionalData.hmacSignature = createHmac("sha256", aSecret).update(data).digest("base64");
    expect(verify({ ...request, body: Buffer.from(JSON.stringify(batch)) }).explain).toMatchObject({ cause: "secret-encoding", summary: expect.stringContaining("item 1: the signature matches with the HMAC key used as text") });
  });

  it("a secret that is not hex is said so, never silently truncated", () => {
    expect(verifyRequest(sign(fixture("adyen-refund")), { secret: "s3cret", now: anInstant })).toMatchObject({ ok: false, detail: expect.stringContaining("the secret is not hex") });
    expect(() => signRequest(fixture("adyen-refund"), { provider: "adyen", secret: "s3cret" })).toThrow(/not hex/);
  });
});
