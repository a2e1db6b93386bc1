import { describe, expect, it } from "vitest";
import { allFixtures } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { setHeader, withoutHeader } from "../../src/primitives/headers.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { detectProvider } from "../../src/verify/detect-provider.js";

const aSecret = "de7ec7000000000000000000000000000000000000000000000000000000041a"; // hex: Adyen's key must be

/** A signed delivery as a receiver sees it: no whk `provider` field, only headers and body. */
function asReceived(id: string, options: Readonly<Record<string, string>> = {}): WebhookRequest {
  const unsigned = prepareFixtureRequest({ fixture: id, url: "http://127.0.0.1:3000/hooks", seed: 3, options });
  const { provider: _dropped, fixture: _also, ...received } = signRequest(unsigned, { provider: unsigned.provider as string, secret: aSecret });
  return received;
}

describe("detection: every bundled fixture is detected as its own provider, from headers and body alone", () => {
  it.each(allFixtures().map((f) => [f.id, f.provider] as const))("%s is %s", (id, provider) => {
    expect(detectProvider(asReceived(id))?.provider).toBe(provider);
  });
});

describe("detection: SNAP senders, token and signature headers that look alike", () => {
  it("DOKU SNAP is told from Topremit by its client id, or by its VA payment body when the partner id is not DOKU's", () => {
    expect(detectProvider(asReceived("doku-snap-va-payment", { partnerId: "BRN-0201-1690274481481" }))?.provider).toBe("doku-snap");
    expect(detectProvider(asReceived("doku-snap-va-payment", { partnerId: "some-partner" }))?.provider).toBe("doku-snap");
    expect(detectProvider(asReceived("topremit-va", { partnerId: "some-partner" }))?.provider).toBe("topremit");
  });

  it("a Topremit callback that happens to carry a DOKU-shaped partner id is taken for DOKU SNAP (the documented tie-break)", () => {
    expect(detectProvider(asReceived("topremit-qris", { partnerId: "MCH-0001-10791114622547" }))?.provider).toBe("doku-snap");
  });

  it("x-callback-token wins over X-Callback-Signature: a Xendit bill payment is not taken for Tripay", () => {
    const aXenditCallback = asReceived("xendit-invoice-paid");
    const withBillSignature = { ...aXenditCallback, headers: setHeader(aXenditCallback.headers, "X-Callback-Signature", "abc") };
    expect(detectProvider(withBillSignature)?.provider).toBe("xendit");
  });

  it("DOKU non-SNAP needs Signature with Client-Id and Request-Id; without them nothing claims it", () => {
    const aDokuVa = asReceived("doku-va-bca");
    expect(detectProvider({ ...aDokuVa, headers: withoutHeader(aDokuVa.headers, "Client-Id") })).toBeUndefined();
  });

  it("a Duitku callback is detected from its form fields (the Content-Type says it is a form)", () => {
    const aDuitkuCallback = asReceived("duitku-payment-success");
    expect(detectProvider(aDuitkuCallback)?.because).toMatch(/merchantCode/);
  });
});
