import { describe, expect, it } from "vitest";
import { removeBodyField } from "../../src/primitives/body-field.js";
import { formatTimestamp } from "../../src/primitives/time-format.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { findProvider } from "../../src/providers/index.js";
import { detectProvider } from "../../src/verify/detect-provider.js";

// The shared pieces the issue-13 providers needed, each pinned on its own.

const aRequest = (body: string, headers: Record<string, string> = { "Content-Type": "application/json" }): WebhookRequest => ({ method: "POST", url: "http://h/", headers, body: Buffer.from(body) });

describe("aliases", () => {
  it("find their provider in any case, and detection reports the provider's own name", () => {
    expect(findProvider("Curlec")?.name).toBe("razorpay");
    expect(detectProvider(aRequest("{}"), "curlec")?.provider).toBe("razorpay");
    expect(detectProvider({ ...aRequest("{}"), provider: "CURLEC" })?.provider).toBe("razorpay");
  });
});

describe("removeBodyField", () => {
  it("removes a nested member in place, every other byte kept", () => {
    const body = '{"items":[{"item":{"extra":{"sig":"abc","keep":1},"v":2}}]}';
    expect(removeBodyField(aRequest(body), "items.0.item.extra.sig").toString()).toBe('{"items":[{"item":{"extra":{"keep":1},"v":2}}]}');
    expect(removeBodyField(aRequest('{"a":1,"sig":"x"}'), "sig").toString()).toBe('{"a":1}');
  });
});

describe("timestamp formats", () => {
  const anInstant = new Date("2025-05-15T05:34:31.250Z");
  it.each([
    ["unix", "1747287271"],
    ["compact", "20250515123431"],
    ["sql-offset", "2025-05-15 13:34:31 +0800"],
  ] as const)("%s", (format, expected) => {
    const offset = format === "compact" ? "+07:00" : "+08:00";
    expect(formatTimestamp(anInstant, format, offset)).toBe(expected);
  });
});

describe("detection does not steal another provider's requests", () => {
  it.each([
    [{ "Stripe-Signature": "t=1,v1=ab" }, "{}", "stripe"],
    [{ "Paymongo-Signature": "t=1,te=ab,li=" }, "{}", "paymongo"],
    [{ "X-Razorpay-Signature": "ab" }, "{}", "razorpay"],
    [{ "Hitpay-Signature": "ab" }, "{}", "hitpay"],
    [{ "Content-Type": "application/x-www-form-urlencoded" }, "payment_request_id=1&hmac=ab", "hitpay"],
    [{ "Content-Type": "application/x-www-form-urlencoded" }, "id=1&x_signature=ab", "billplz"],
    [{ "Content-Type": "application/x-www-form-urlencoded" }, "MerchantCode=M1&RefNo=1&Signature=ab", "ipay88"],
    [{ "Content-Type": "application/json" }, '{"live":"false","notificationItems":[]}', "adyen"],
    [{ "Content-Type": "application/json" }, '{"payload":"a.b.c"}', "2c2p"],
    [{ "Content-Type": "application/json" }, '{"payload":"a.b.c","signature_hash":"x"}', "chaipay"],
    [{ "X-Signature": "ab" }, '{"notificationItems":[]}', "paycombat"],
  ])("%j %s is %s", (headers, body, provider) => {
    expect(detectProvider(aRequest(body, headers))?.provider).toBe(provider);
  });
});
