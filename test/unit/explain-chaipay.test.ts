import { describe, expect, it } from "vitest";
import { writeJsonText } from "../../src/primitives/json-text.js";
import { hmacSha256 } from "../../src/primitives/hmac.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";

// ChaiPay's documented message for the payment webhook: these fields, sorted, Go-form-encoded.
const aSecret = "chaipay-explain-key-8e2b";
const aPayment = {
  amount: 50000,
  channel_key: "XENDIT_ID",
  channel_order_ref: "",
  country_code: "ID",
  currency: "IDR",
  merchant_order_ref: "Order~1*2 Rp",
  method_name: "WALLET",
  order_ref: "ord_9",
  status: "Success",
  buyer_name: "Budi",
  signature_hash: "",
};

/** A payment webhook whose signature_hash a buggy signer computed over `message`. */
function signedOver(message: string, body: Record<string, unknown> = aPayment): WebhookRequest {
  const hash = hmacSha256(aSecret, message).toString("base64");
  return { method: "POST", url: "http://x/", headers: { "Content-Type": "application/json" }, body: Buffer.from(writeJsonText(JSON.stringify(body), ["signature_hash"], JSON.stringify(hash))) };
}

const verify = (request: WebhookRequest) => verifyRequest(request, { secret: aSecret });
const documented = "amount=50000&channel_key=XENDIT_ID&channel_order_ref=&country_code=ID&currency=IDR&merchant_order_ref=Order~1%2A2+Rp&method_name=WALLET&order_ref=ord_9&status=Success";

describe("explain: ChaiPay's signed field string", () => {
  it("the documented message verifies (the baseline every mistake below departs from)", () => {
    expect(verify(signedOver(documented)).reason).toBe("valid-signature");
  });

  it('chaipay-amount-format: the signer wrote the amount as "50000.00"', () => {
    const result = verify(signedOver(documented.replace("amount=50000", "amount=50000.00")));
    expect(result.explain).toMatchObject({ cause: "chaipay-amount-format", summary: expect.stringContaining('amount written "50000.00" instead of "50000"') });
  });

  it('chaipay-amount-format: a string amount "50000.00" signed without trailing zeros', () => {
    const body = { ...aPayment, amount: "50000.00" };
    const result = verify(signedOver(documented, body));
    expect(result.explain?.cause).toBe("chaipay-amount-format");
  });

  it("chaipay-form-encoding: Node's URLSearchParams (~ as %7E, * kept)", () => {
    // URLSearchParams writes "merchant_order_ref=Order%7E1*2+Rp" where Go writes "Order~1%2A2+Rp".
    const viaUrlSearchParams = new URLSearchParams([["merchant_order_ref", "Order~1*2 Rp"]]).toString();
    const result = verify(signedOver(documented.replace("merchant_order_ref=Order~1%2A2+Rp", viaUrlSearchParams)));
    expect(result.explain).toMatchObject({ cause: "chaipay-form-encoding", summary: expect.stringContaining("URLSearchParams") });
  });

  it("chaipay-form-encoding: encodeURIComponent (%20 for a space)", () => {
    const message = documented.replace("Order~1%2A2+Rp", encodeURIComponent("Order~1*2 Rp"));
    expect(verify(signedOver(message)).explain).toMatchObject({ cause: "chaipay-form-encoding", summary: expect.stringContaining("encodeURIComponent") });
  });

  it("chaipay-field-set: empty fields left out", () => {
    const result = verify(signedOver(documented.replace("channel_order_ref=&", "")));
    expect(result.explain).toMatchObject({ cause: "chaipay-field-set", summary: expect.stringContaining("empty fields left out"), evidence: [expect.stringContaining("signed message: amount=50000&channel_key"), `documented message: ${documented}`] });
  });

  it("chaipay-field-set: every scalar field of the body signed", () => {
    const all = "amount=50000&buyer_name=Budi&channel_key=XENDIT_ID&channel_order_ref=&country_code=ID&currency=IDR&merchant_order_ref=Order~1%2A2+Rp&method_name=WALLET&order_ref=ord_9&status=Success";
    expect(verify(signedOver(all)).explain?.cause).toBe("chaipay-field-set");
  });

  it("signature-encoding: hex where ChaiPay writes base64", () => {
    const request = signedOver(documented);
    const text = request.body.toString();
    const hex = hmacSha256(aSecret, documented).toString("hex");
    const result = verify({ ...request, body: Buffer.from(writeJsonText(text, ["signature_hash"], JSON.stringify(hex))) });
    expect(result.explain).toMatchObject({ cause: "signature-encoding", summary: expect.stringContaining("lower-case hex") });
  });

  it("no-match for a tampered amount, with the field string to compare by hand", () => {
    const request = signedOver(documented);
    const tampered = { ...request, body: Buffer.from(request.body.toString().replace('"amount":50000', '"amount":50001')) };
    const result = verify(tampered);
    expect(result.explain?.cause).toBe("no-match");
    expect(result.preimage).toBe(documented.replace("50000", "50001"));
  });
});
