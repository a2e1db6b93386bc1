import { describe, expect, it } from "vitest";
import { hmacSha256 } from "../../src/primitives/hmac.js";
import { goFormEncode } from "../../src/primitives/go-form-encode.js";
import { chaipayHash, chaipayMessage } from "../../src/providers/chaipay/field-string.js";
import { snapBodyHash, snapSignature, snapStringToSign } from "../../src/schemes/snap-string-to-sign.js";
import { snapSymmetric } from "../../src/schemes/snap-symmetric.js";
import { templateScheme } from "../../src/schemes/template/template-scheme.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { providers } from "../../src/providers/index.js";
import { getFixture } from "../../src/fixtures/fixture-catalog.js";

// Expected values below were computed outside whk (openssl dgst, Python's hmac/urllib), never by whk itself.

describe("SNAP symmetric signature (Topremit)", () => {
  it("reproduces the published SNAP known answer (Midtrans' public SNAP signature demo)", () => {
    // Given the published inputs
    const body = '{"partnerReferenceNo":"2020102900000000000001","amount":{"value":"12345678.00","currency":"IDR"},"feeAmount":{"value":"12345678.00","currency":"IDR"},"merchantId":"00007100010926","terminalId":"213141251124","validityPeriod":"2009-07-03T12:08:56-07:00"}';
    // When the string-to-sign is signed
    const stringToSign = snapStringToSign({
      method: "POST",
      endpointUrl: "/v1.0/qr/qr-mpm-generate",
      accessToken: "myaccesstoken",
      bodyHash: snapBodyHash(Buffer.from(body)),
      timestamp: "2024-03-05T10:37:16.196Z",
    });
    // Then it is the published signature
    expect(snapSignature("myclientsecret", stringToSign)).toBe(
      "wmzT7yjg1SxxCsxNsFgCR9SYXiZGGbceF6fV8xe97sAMHxZ+7OEBMIBmvb6Sj6GcksGp3iv77DiomgSbcST3XQ==",
    );
  });

  it("minifies a pretty body and keeps the query string in EndpointUrl", () => {
    const aPrettyBody = '{\n  "trxId": "abc 1",\n  "paidAmount": { "value": "150000.00", "currency": "IDR" }\n}';
    const aRequest: WebhookRequest = {
      method: "POST",
      url: "http://merchant.example:8080/webhooks/topremit?env=test",
      headers: { Authorization: "Bearer tok123", "X-TIMESTAMP": "2025-05-15T12:34:31+07:00" },
      body: Buffer.from(aPrettyBody),
    };
    expect(snapSymmetric.preimage?.(aRequest)).toBe(
      "POST:/webhooks/topremit?env=test:tok123:d8c641c4b9e04b0bdbb9c86282986d2134e3c1609d8493893610c323179fb29f:2025-05-15T12:34:31+07:00",
    );
    const signed = { ...aRequest, headers: { ...aRequest.headers, "X-SIGNATURE": "jf/FINeK4WZokfkzFhrDSReHHgcSRX5ik3jkEKs78thV2tzEnHCl/G1IaYtf8T/q2dh3AhX2AoH2O8uai1GUdg==" } };
    const at = new Date("2025-05-15T05:34:40Z");
    expect(snapSymmetric.verify(signed, "topremit-client-secret", { at, toleranceMs: 300_000 }).ok).toBe(true);
  });
});

describe("hex HMAC-SHA256 of the body (Fazz, Paycombat)", () => {
  it("matches the value for Fazz's documented C# sample inputs", () => {
    // docs.fazz.com/docs/securing-your-callback: key ss_5572cf13d099, body {"id":"contract_12345678"}
    expect(hmacSha256("ss_5572cf13d099", '{"id":"contract_12345678"}').toString("hex")).toBe(
      "6b79486fadb4b37c3020f47a868de02d953c96609041015c0e1dd415fc9f29b2",
    );
  });

  it("puts Paycombat's signature in X-Signature over the compact body", () => {
    const aVaRegisterBody = '{"status":"APPROVED","account_bank":1,"account_number":1,"account_holder":1,"id":1}';
    const signed = templateScheme({ algorithm: "hmac-sha256", header: "X-Signature" }).sign(
      { method: "POST", url: "http://localhost:3000/", headers: {}, body: Buffer.from(aVaRegisterBody) },
      { secret: "paycombat-signature-key", now: new Date() },
    );
    expect(signed.headers["X-Signature"]).toBe("7272a7e4c010eed687e67d09a4f57ae9b6c558335bb16b3ef2ed7bbc96660eed");
  });
});

describe("ChaiPay signature_hash", () => {
  it("signs the seed payment's fields as Go's url.Values.Encode would", () => {
    const aSeedPayin = {
      currency: "IDR", amount: 50000, order_ref: "24VGYLpS7HdmI6IzHE7dru5JlmY", channel_order_ref: "",
      merchant_order_ref: "Merchant1643708386598", country_code: "VN", status: "Expired", channel_key: "XENDIT_ID", method_name: "WALLET",
    };
    const message = chaipayMessage(aSeedPayin, "payment");
    expect(message).toBe(
      "amount=50000&channel_key=XENDIT_ID&channel_order_ref=&country_code=VN&currency=IDR&merchant_order_ref=Merchant1643708386598&method_name=WALLET&order_ref=24VGYLpS7HdmI6IzHE7dru5JlmY&status=Expired",
    );
    expect(chaipayHash("chaipay-secret-key", message)).toBe("3sdvXED3wXbldk+62ddO/6cLWEg7QSXbm2QRZsPvBUM=");
  });

  it("encodes space, ~, *, /, +, %, & and UTF-8 exactly like Go (not like URLSearchParams)", () => {
    const fields = {
      amount: "100.25", channel_key: "A B~C*D", channel_order_ref: "x/y+z", country_code: "ID", currency: "IDR",
      merchant_order_ref: "Tiền 100%", method_name: "WALLET", order_ref: "o&r=1", status: "Success",
    };
    const message = goFormEncode(fields);
    expect(message).toBe(
      "amount=100.25&channel_key=A+B~C%2AD&channel_order_ref=x%2Fy%2Bz&country_code=ID&currency=IDR&merchant_order_ref=Ti%E1%BB%81n+100%25&method_name=WALLET&order_ref=o%26r%3D1&status=Success",
    );
    expect(message).not.toBe(new URLSearchParams(Object.entries(fields).sort()).toString());
    expect(chaipayHash("chaipay-secret-key", message)).toBe("pU/MCIE/ZchdcQrb4WBeEL9k4ouFk0eWytbRrh/A5wc=");
  });

  it("formats numeric amounts as the shortest decimal", () => {
    const base = { currency: "IDR", order_ref: "o", merchant_order_ref: "m", status: "Success" };
    expect(chaipayMessage({ ...base, amount: 100.25 }, "payment")).toContain("amount=100.25&");
    expect(chaipayMessage({ ...base, amount: 0.5 }, "payment")).toContain("amount=0.5&");
    expect(chaipayMessage({ ...base, amount: 1e21 }, "payment")).toContain("amount=1000000000000000000000&");
    expect(chaipayMessage({ ...base, amount: "50000.00" }, "payment")).toContain("amount=50000.00&");
  });
});

describe("Midtrans signature_key (SHA-512 of order_id + status_code + gross_amount + server key)", () => {
  it("reproduces the known answer for the docs' inputs (gateways.md; a third-party Go test hard-codes the same value)", () => {
    // docs.midtrans.com prints the inputs, not the output: order_id 1111, status_code 200, gross_amount 100000.00
    const aNotification = '{"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":""}';
    const signed = templateScheme({ algorithm: "sha512", message: "{field:order_id}{field:status_code}{field:gross_amount}{secret}", bodyField: "signature_key" }).sign(
      { method: "POST", url: "http://localhost/", headers: { "Content-Type": "application/json" }, body: Buffer.from(aNotification) },
      { secret: "askvnoibnosifnboseofinbofinfgbiufglnbfg", now: new Date() },
    );
    expect(JSON.parse(signed.body.toString()).signature_key).toBe(
      "edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231",
    );
  });

  it("the bundled Midtrans provider verifies that known answer", () => {
    const aNotification = { method: "POST", url: "http://localhost/", headers: { "Content-Type": "application/json" }, body: Buffer.from('{"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":"edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231"}') };
    expect(providers.midtrans.scheme.verify(aNotification, "askvnoibnosifnboseofinbofinfgbiufglnbfg", { at: new Date() }).ok).toBe(true);
  });
});

describe("Duitku callback signature (MD5 of merchantCode + amount + merchantOrderId + API key)", () => {
  it("verifies the official SDK's test callback (duitkupg/duitku-php tests/CallbackTest.php, params/ParamsCallback.json)", () => {
    // The SDK's test posts these fields with merchant key 732B39FC61796845775D2C4FB05332AF and expects its signature valid.
    const aForm = "merchantOrderId=12345&resultCode=00&merchantCode=D0001&amount=10000&productDetail=&paymentCode=&reference=D00015HL5BJKRM27MCUS&additionalParam=&signature=4104f20a70c933113c66c004fe25a9f1";
    const aCallback = { method: "POST", url: "http://localhost/", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: Buffer.from(aForm) };
    expect(providers.duitku.scheme.verify(aCallback, "732B39FC61796845775D2C4FB05332AF", { at: new Date() })).toMatchObject({ ok: true });
    expect(providers.duitku.scheme.verify(aCallback, "another-key", { at: new Date() })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("the duitku-payment-success fixture still carries that known signature over the SDK's values", () => {
    const aFixtureForm = { method: "POST", url: "http://localhost/", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: Buffer.from(getFixture("duitku-payment-success").body) };
    expect(providers.duitku.scheme.verify(aFixtureForm, "732B39FC61796845775D2C4FB05332AF", { at: new Date() }).ok).toBe(true);
  });
});
