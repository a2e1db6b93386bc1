import { describe, expect, it } from "vitest";
import { getFixture } from "../../src/fixtures/fixture-catalog.js";
import { formField } from "../../src/primitives/form-body.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { getProvider } from "../../src/providers/index.js";
import { sortedFieldsScheme } from "../../src/schemes/sorted-fields/sorted-fields-scheme.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";

// Published known answers (gateways.md, "Verified KAT list": each recomputed there with Python's hashlib
// and hmac), reproduced through whk's providers. Expected values are the published ones, never whk's.

const aMoment = new Date("2025-05-15T05:34:31.000Z");

/** A fixture's body exactly as documented (no fresh ids), with the provider's and the fixture's headers. */
function documented(id: string): WebhookRequest {
  const fixture = getFixture(id);
  const headers = { ...getProvider(fixture.provider).prepareHeaders({ random: { bytes: (n) => Buffer.alloc(n) }, options: {} }), ...fixture.headers };
  return { method: "POST", url: "http://127.0.0.1:3000/cb", headers, body: Buffer.from(fixture.body), provider: fixture.provider };
}

const signed = (request: WebhookRequest, secret: string): WebhookRequest => signRequest(request, { provider: request.provider ?? "", secret, now: aMoment });

describe("Razorpay (razorpay-node test/utils/razorpay-utils.spec.js)", () => {
  it('{"a":1,"b":2,"c":{"d":3}} with secret 123456', () => {
    const request: WebhookRequest = { method: "POST", url: "http://h/", headers: {}, body: Buffer.from('{"a":1,"b":2,"c":{"d":3}}'), provider: "razorpay" };
    expect(signed(request, "123456").headers["X-Razorpay-Signature"]).toBe("2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc");
  });
});

describe("Billplz X Signature (the worked example on billplz.com/api)", () => {
  const aKey = "S-s7b4yWpp9h7rrkNM1i3Z_g";

  it("the callback: the documented source string and x_signature", () => {
    const callback = signed(documented("billplz-bill-paid"), aKey);
    expect(getProvider("billplz").scheme.preimage?.(callback)).toBe(
      "amount100|collection_idyhx5t1pp|due_at2018-9-27|emailtester@test.com|idzq0tm2wc|mobile|nameTESTER|paid_amount100|paid_at2018-09-27 15:15:09 +0800|paidtrue|statepaid|urlhttp://www.billplz-sandbox.com/bills/zq0tm2wc",
    );
    expect(formField(callback.body.toString(), "x_signature")).toBe("0fe0a20b8d557eeae570377783d062a3816a9ea80f368860bacfa7ec3ca4d00e");
    expect(callback.body.toString()).toBe(getFixture("billplz-bill-paid").body);
  });

  it("the redirect: billplz[key] elements signed as billplz<key><value>, same family rules", () => {
    // The redirect's query keys `billplz[id]` ... lose their brackets in the source string: written here without them.
    const scheme = sortedFieldsScheme({ signatureField: "billplzx_signature", order: "item-ignoring-case", separator: "|" });
    const redirect: WebhookRequest = {
      method: "GET", url: "http://h/", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: Buffer.from("billplzid=zq0tm2wc&billplzpaid=true&billplzpaid_at=2018-09-27%2015%3A15%3A09%20%2B0800"),
    };
    const withSignature = scheme.sign(redirect, { secret: aKey, now: aMoment });
    expect(scheme.preimage?.(withSignature)).toBe("billplzidzq0tm2wc|billplzpaid_at2018-09-27 15:15:09 +0800|billplzpaidtrue");
    expect(formField(withSignature.body.toString(), "billplzx_signature")).toBe("4aab095fe5a39b1d534500988f9a0cb085cd1b6d5bbb55dd4e02ea6fa102b47b");
  });
});

describe("iPay88 (OPSG Technical Spec v1.0.6, signature example)", () => {
  it('key "apple", M00003, PaymentId 2, A00000001, 1.00 MYR, status 1', () => {
    const response = signed(documented("ipay88-payment-success"), "apple");
    expect(getProvider("ipay88").scheme.preimage?.(response)).toBe("{secret}M000032A00000001100MYR1");
    expect(formField(response.body.toString(), "Signature")).toBe("f173a2521d178574caab19ab7ddd04b299dbc0d656a26c1d1aabf9187dfbf352");
  });
});

describe("Adyen (Verify HMAC signatures, the docs' example; also adyen-ruby-api-library's spec)", () => {
  const aKey = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

  it("the example notification's item signs to the published hmacSignature", () => {
    const notification = documented("adyen-authorisation");
    expect(getProvider("adyen").scheme.preimage?.(notification)).toBe("7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true");
    expect(verifyRequest(notification, { secret: aKey, now: aMoment })).toMatchObject({ ok: true, reason: "valid-signature" });
    expect(signed(notification, aKey).body.toString()).toBe(notification.body.toString());
  });
});

describe("2C2P (Payment Response - Backend, the docs' token)", () => {
  it("is read and its claims shown, though its key (merchant JT04's) is not published", () => {
    const token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJtZXJjaGFudElEIjoiSlQwNCIsImludm9pY2VObyI6IjI4MDUyMDA3NTkyMSIsImNhcmRObyI6IjQxMTExMVhYWFhYWDExMTEiLCJhbW91bnQiOiIyMzAuODciLCJjdXJyZW5jeUNvZGUiOiJUSEIiLCJ0cmFuUmVmIjoiMjg2ODgyMSIsInJlZmVyZW5jZU5vIjoiMjc4NTcwMyIsImFwcHJvdmFsQ29kZSI6IjUzMTQ4NCIsImVjaSI6IjA1IiwidHJhbnNhY3Rpb25EYXRlVGltZSI6IjIwMjAwNTI4MDgwNTA4IiwicmVzcENvZGUiOiIwMDAwIiwicmVzcERlc2MiOiJTdWNjZXNzIn0.QdjSI_dUbiRularwEIFuYROE_svc3Xkm-t58X-VnPxI";
    const sample: WebhookRequest = { method: "POST", url: "http://h/", headers: { "Content-Type": "application/json" }, body: Buffer.from(`{"payload":"${token}"}`) };
    const result = verifyRequest(sample, { secret: "1F4EDB965BBB3094F791A83750FBDCDA3852131CB5218E21E4F42929A1975E60", now: aMoment });
    expect(result).toMatchObject({ provider: "2c2p", ok: false, reason: "bad-signature" });
    // The fixture's claims are the token's payload, byte for byte.
    expect(result.detail).toContain(JSON.stringify(JSON.parse(getFixture("2c2p-payment-success").body).payload));
  });
});
