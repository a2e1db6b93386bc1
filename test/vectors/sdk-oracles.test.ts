import { createRequire } from "node:module";
import { hmacValidator } from "@adyen/api-library";
import { jwtVerify, SignJWT } from "jose";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { getHeader, setHeader } from "../../src/primitives/headers.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";

// The providers' official SDKs (pinned dev dependencies), offline: each verifies what whk signs, and
// whk verifies what each signs, where the SDK can sign.

const require = createRequire(import.meta.url);
const { validateWebhookSignature } = require("razorpay/dist/utils/razorpay-utils") as { validateWebhookSignature(body: string, signature: string, secret: string): boolean };
const Paymongo = require("paymongo-node") as new (key: string) => { webhooks: { constructEvent(opts: { payload: string; signatureHeader: string; webhookSecretKey: string }): unknown } };

const now = new Date();
const signedFixture = (id: string, secret: string, options?: Record<string, string>): WebhookRequest => {
  const unsigned = prepareFixtureRequest({ fixture: id, url: "http://127.0.0.1:3000/hooks" });
  return signRequest(unsigned, { provider: unsigned.provider ?? "", secret, now, ...(options ? { options } : {}) });
};

describe("stripe (stripe-node: webhooks.constructEvent, generateTestHeaderString)", () => {
  const stripe = new Stripe("sk_test_not_used");
  const aSecret = "whsec_c2lnbmluZy1zZWNyZXQtZm9yLXdoaw";

  it.each(["stripe-payment-intent-succeeded", "stripe-checkout-session-completed"])("the SDK accepts %s as whk signs it", (id) => {
    const request = signedFixture(id, aSecret);
    const event = stripe.webhooks.constructEvent(request.body.toString(), getHeader(request.headers, "Stripe-Signature") ?? "", aSecret);
    expect(event.type).toBe(JSON.parse(request.body.toString()).type);
  });

  it("whk accepts the SDK's header, a rotation header with two v1, and calls a stale one stale, as the SDK does", () => {
    const request = signedFixture("stripe-payment-intent-succeeded", aSecret);
    const payload = request.body.toString();
    const fresh = stripe.webhooks.generateTestHeaderString({ payload, secret: aSecret });
    expect(verifyRequest({ ...request, headers: setHeader(request.headers, "Stripe-Signature", fresh) }, { secret: aSecret })).toMatchObject({ ok: true });
    const rotating = `${fresh},v1=${"ab".repeat(32)}`;
    expect(stripe.webhooks.constructEvent(payload, rotating, aSecret)).toBeDefined();
    expect(verifyRequest({ ...request, headers: setHeader(request.headers, "Stripe-Signature", rotating) }, { secret: aSecret })).toMatchObject({ ok: true });
    const stale = stripe.webhooks.generateTestHeaderString({ payload, secret: aSecret, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(() => stripe.webhooks.constructEvent(payload, stale, aSecret)).toThrow(/tolerance/);
    expect(verifyRequest({ ...request, headers: setHeader(request.headers, "Stripe-Signature", stale) }, { secret: aSecret })).toMatchObject({ ok: false, reason: "timestamp-out-of-tolerance" });
  });

  it("a signature under v0 (which the SDK ignores): both reject it, and whk says where it is", () => {
    const request = signedFixture("stripe-payment-intent-succeeded", aSecret);
    const payload = request.body.toString();
    const v0 = stripe.webhooks.generateTestHeaderString({ payload, secret: aSecret, scheme: "v0" });
    expect(() => stripe.webhooks.constructEvent(payload, v0, aSecret)).toThrow();
    expect(verifyRequest({ ...request, headers: setHeader(request.headers, "Stripe-Signature", v0) }, { secret: aSecret })).toMatchObject({ ok: false, explain: { cause: "signature-key" } });
  });
});

describe("razorpay (razorpay-node: validateWebhookSignature)", () => {
  it.each(["razorpay-payment-captured", "razorpay-order-paid"])("the SDK accepts %s as whk signs it", (id) => {
    const request = signedFixture(id, "razorpay-webhook-secret");
    expect(validateWebhookSignature(request.body.toString(), getHeader(request.headers, "X-Razorpay-Signature") ?? "", "razorpay-webhook-secret")).toBe(true);
    expect(validateWebhookSignature(request.body.toString(), getHeader(request.headers, "X-Razorpay-Signature") ?? "", "another")).toBe(false);
  });
});

describe("paymongo (paymongo-node: webhooks.constructEvent)", () => {
  const sdk = new Paymongo("sk_test_not_used");
  it.each([["test", "te"], ["live", "li"]])("the SDK accepts a %s-mode signature as whk signs it (%s filled)", (mode, field) => {
    const request = signedFixture("paymongo-payment-paid", "whsk_paymongo_secret", { paymongoMode: mode });
    const header = getHeader(request.headers, "Paymongo-Signature") ?? "";
    expect(header).toMatch(new RegExp(`(^|,)${field}=[0-9a-f]{64}(,|$)`));
    expect(() => sdk.webhooks.constructEvent({ payload: request.body.toString(), signatureHeader: header, webhookSecretKey: "whsk_paymongo_secret" })).not.toThrow();
    expect(() => sdk.webhooks.constructEvent({ payload: request.body.toString(), signatureHeader: header, webhookSecretKey: "whsk_other" })).toThrow();
  });
});

describe("adyen (@adyen/api-library: hmacValidator)", () => {
  const aKey = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
  const validator = new hmacValidator();
  type Batch = { notificationItems: { NotificationRequestItem: Record<string, unknown> & { additionalData: { hmacSignature: string } } }[] };

  it("the SDK validates every item of a two-item batch whk signed, each on its own", () => {
    const one = JSON.parse(prepareFixtureRequest({ fixture: "adyen-authorisation", url: "http://h/" }).body.toString()) as Batch;
    const two = JSON.parse(prepareFixtureRequest({ fixture: "adyen-refund", url: "http://h/" }).body.toString()) as Batch;
    const batch = { live: "false", notificationItems: [...one.notificationItems, ...two.notificationItems] };
    const request = signRequest({ method: "POST", url: "http://h/", headers: { "Content-Type": "application/json" }, body: Buffer.from(JSON.stringify(batch)) }, { provider: "adyen", secret: aKey, now });
    const signedBatch = JSON.parse(request.body.toString()) as Batch;
    for (const { NotificationRequestItem: item } of signedBatch.notificationItems) expect(validator.validateHMAC(item as never, aKey)).toBe(true);
    expect(new Set(signedBatch.notificationItems.map((i) => i.NotificationRequestItem.additionalData.hmacSignature)).size).toBe(2);
  });

  it("whk verifies what the SDK computes, and names the item that was not signed right", () => {
    const batch = JSON.parse(prepareFixtureRequest({ fixture: "adyen-refund", url: "http://h/" }).body.toString()) as Batch;
    const item = batch.notificationItems[0]!.NotificationRequestItem;
    item.additionalData.hmacSignature = validator.calculateHmac(item as never, aKey);
    const request: WebhookRequest = { method: "POST", url: "http://h/", headers: { "Content-Type": "application/json" }, body: Buffer.from(JSON.stringify(batch)) };
    expect(verifyRequest(request, { secret: aKey })).toMatchObject({ ok: true, provider: "adyen" });
    const second = { ...batch, notificationItems: [batch.notificationItems[0]!, { NotificationRequestItem: { ...item, pspReference: "1234" } }] };
    expect(verifyRequest({ ...request, body: Buffer.from(JSON.stringify(second)) }, { secret: aKey })).toMatchObject({ ok: false, detail: expect.stringContaining("item 2 of 2") });
  });
});

describe("2C2P with jose (an HS256 JWT library)", () => {
  const aKey = "1F4EDB965BBB3094F791A83750FBDCDA3852131CB5218E21E4F42929A1975E60";

  it("jose verifies the token whk signs (key as text) and reads the same claims", async () => {
    const request = signedFixture("2c2p-payment-success", aKey);
    const token = (JSON.parse(request.body.toString()) as { payload: string }).payload;
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(aKey));
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({ merchantID: "JT04", currencyCode: "THB", respCode: "0000" });
  });

  it("whk verifies a token jose signs, shows its claims, and names a hex-decoded key", async () => {
    const claims = { merchantID: "JT01", invoiceNo: "1234567890", amount: "10.00", respCode: "0000" };
    const asText = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(aKey));
    const request: WebhookRequest = { method: "POST", url: "http://h/", headers: { "Content-Type": "application/json" }, body: Buffer.from(JSON.stringify({ payload: asText })) };
    expect(verifyRequest(request, { secret: aKey })).toMatchObject({ ok: true, provider: "2c2p", detail: expect.stringContaining('"invoiceNo":"1234567890"') });
    const hexDecoded = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(Buffer.from(aKey, "hex"));
    expect(verifyRequest({ ...request, body: Buffer.from(JSON.stringify({ payload: hexDecoded })) }, { secret: aKey }).explain).toMatchObject({ cause: "secret-encoding" });
  });
});
