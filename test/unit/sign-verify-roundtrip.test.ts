import { describe, expect, it } from "vitest";
import { allFixtures } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { setHeader } from "../../src/primitives/headers.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { getProvider, providers } from "../../src/providers/index.js";
import { tamper } from "../../src/probe/forgeries.js";

// Hex, so it is a key for every scheme (some hex-decode the secret); as text it is just as good a key for the rest.
const aSecret = "9f3a0c5e7b21d4f6a8e0b3c5d7f9a1b2";
const anInstant = new Date("2025-05-15T05:34:31.000Z");
const aTarget = "http://127.0.0.1:3000/webhooks/incoming?env=test";

function signedFixture(id: string, seed = 1): WebhookRequest {
  const unsigned = prepareFixtureRequest({ fixture: id, url: aTarget, seed });
  return signRequest(unsigned, { provider: unsigned.provider as never, secret: aSecret, now: anInstant });
}

const verifyAtSigning = (request: WebhookRequest, secret = aSecret) => verifyRequest(request, { secret, now: anInstant });

/**
 * Flips one bit of one byte of a signed value, keeping the body valid JSON (or form): the `status`
 * string where there is one, else the first value the scheme signs (probe's own tampering).
 */
function flipBodyByte(request: WebhookRequest): WebhookRequest {
  const flipped = tamper(getProvider(request.provider ?? "").scheme, request);
  expect(flipped.body.length).toBe(request.body.length);
  expect(flipped.body.equals(request.body)).toBe(false);
  return flipped;
}

const unsignedIds = new Set(["singleview-payment-status", "singleview-payment-charge", "singleview-payroll-approval", "singleview-payroll-payment", "chaipay-refund"]);

describe("sign then verify, every fixture", () => {
  for (const fixture of allFixtures()) {
    it(`${fixture.id} verifies with the secret it was signed with`, () => {
      const result = verifyAtSigning(signedFixture(fixture.id));
      expect(result.provider).toBe(fixture.provider);
      expect(result.verdict).toBe(unsignedIds.has(fixture.id) ? "unsigned" : "valid");
      expect(result.ok).toBe(!unsignedIds.has(fixture.id));
      expect(result.reason).toBe(unsignedIds.has(fixture.id) ? "unsigned-provider" : "valid-signature");
      expect(result.warnings).toEqual([]);
    });

    if (unsignedIds.has(fixture.id)) continue;

    it(`${fixture.id} fails with a wrong secret`, () => {
      const result = verifyAtSigning(signedFixture(fixture.id), "another-secret");
      expect(result).toMatchObject({ ok: false, reason: "bad-signature" });
    });

    it.skipIf(getProvider(fixture.provider).scheme.covers.body === "none")(`${fixture.id} fails when one signed body byte changes`, () => {
      // (A static token signs nothing of the body: that weakness is pinned by its own test.)
      const result = verifyAtSigning(flipBodyByte(signedFixture(fixture.id)));
      // A flipped byte in a JWT's header segment leaves no readable HS256 header: malformed, not merely wrong.
      expect(result).toMatchObject({ ok: false, reason: fixture.provider === "2c2p" ? "malformed-signature" : "bad-signature" });
    });
  }

  it("renders fresh ids every time, and the same bytes for the same seed", () => {
    for (const fixture of allFixtures()) {
      const a = prepareFixtureRequest({ fixture, url: aTarget }).body.toString();
      const b = prepareFixtureRequest({ fixture, url: aTarget }).body.toString();
      expect(a, fixture.id).not.toBe(b);
      expect(prepareFixtureRequest({ fixture, url: aTarget, seed: 5 }).body.toString()).toBe(
        prepareFixtureRequest({ fixture, url: aTarget, seed: 5 }).body.toString(),
      );
    }
  });

  it("signs the exact bytes sent: a re-formatted body no longer verifies", () => {
    const aPaycombatPayout = signedFixture("paycombat-payout-success");
    const pretty = Buffer.from(JSON.stringify(JSON.parse(aPaycombatPayout.body.toString()), null, 2));
    expect(verifyAtSigning({ ...aPaycombatPayout, body: pretty })).toMatchObject({ ok: false, reason: "bad-signature" });
  });
});

describe("one mutation per failure reason", () => {
  it("a removed signature header is missing-signature", () => {
    const aFazzVa = signedFixture("fazz-va-dynamic");
    const { "Xfers-Signature": _dropped, ...headers } = aFazzVa.headers;
    expect(verifyAtSigning({ ...aFazzVa, headers })).toMatchObject({ ok: false, reason: "missing-signature" });
  });

  it("a truncated signature is malformed-signature", () => {
    const aPaycombatPayin = signedFixture("paycombat-payin-success");
    const headers = setHeader(aPaycombatPayin.headers, "X-Signature", "abc123");
    expect(verifyAtSigning({ ...aPaycombatPayin, headers })).toMatchObject({ ok: false, reason: "malformed-signature" });
  });

  it("Topremit: a changed Authorization token is bad-signature (the token is signed)", () => {
    const aTopremitVa = signedFixture("topremit-va");
    const headers = setHeader(aTopremitVa.headers, "Authorization", "Bearer another-token");
    expect(verifyAtSigning({ ...aTopremitVa, headers })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("Topremit: another path is bad-signature (the path and query are signed)", () => {
    const aTopremitVa = signedFixture("topremit-va");
    expect(verifyAtSigning({ ...aTopremitVa, url: "http://127.0.0.1:3000/webhooks/incoming" })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("Topremit: an edited X-TIMESTAMP is bad-signature", () => {
    const aTopremitQris = signedFixture("topremit-qris");
    const headers = setHeader(aTopremitQris.headers, "X-TIMESTAMP", "2025-05-15T12:34:32+07:00");
    expect(verifyAtSigning({ ...aTopremitQris, headers })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("Topremit: a valid signature six minutes old is timestamp-out-of-tolerance", () => {
    const aTopremitVa = signedFixture("topremit-va");
    const later = new Date(anInstant.getTime() + 6 * 60_000);
    expect(verifyRequest(aTopremitVa, { secret: aSecret, now: later })).toMatchObject({ ok: false, reason: "timestamp-out-of-tolerance" });
    expect(verifyRequest(aTopremitVa, { secret: aSecret, now: later, toleranceMs: 10 * 60_000 }).ok).toBe(true);
  });

  it("Topremit: the timestamp is judged against receivedAt when there is one", () => {
    const aTopremitVa = { ...signedFixture("topremit-va"), receivedAt: "2025-05-15T05:35:00.000Z" };
    expect(verifyRequest(aTopremitVa, { secret: aSecret }).ok).toBe(true);
  });

  it("ChaiPay: a tampered amount with the old signature_hash is bad-signature", () => {
    const aChaipayPayin = signedFixture("chaipay-payin");
    const body = Buffer.from(aChaipayPayin.body.toString().replace(/"amount":\d+/, '"amount":1'));
    expect(verifyAtSigning({ ...aChaipayPayin, body })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("ChaiPay signs only its field set: a changed buyer_email still verifies (a documented weakness)", () => {
    const aChaipayPayin = signedFixture("chaipay-payin");
    const body = Buffer.from(aChaipayPayin.body.toString().replace('"buyer_email":""', '"buyer_email":"mallory@example.com"'));
    expect(body.equals(aChaipayPayin.body)).toBe(false);
    expect(verifyAtSigning({ ...aChaipayPayin, body }).ok).toBe(true);
  });

  it("key rotation: any of several secrets passes, and the position is reported", () => {
    const aFazzDisbursement = signedFixture("fazz-disbursement");
    const result = verifyRequest(aFazzDisbursement, { secret: ["old-secret", aSecret] });
    expect(result).toMatchObject({ ok: true, secretIndex: 2 });
    expect(JSON.stringify(result)).not.toContain(aSecret);
  });

  it("Xendit's token signs nothing: a changed body with the same x-callback-token still verifies (a documented weakness)", () => {
    const aXenditInvoice = signedFixture("xendit-invoice-paid");
    const body = Buffer.from(aXenditInvoice.body.toString().replace('"amount":2000000', '"amount":1'));
    expect(body.equals(aXenditInvoice.body)).toBe(false);
    expect(verifyAtSigning({ ...aXenditInvoice, body }).ok).toBe(true);
    const wrongToken = verifyAtSigning(aXenditInvoice, "another-token");
    expect(wrongToken).toMatchObject({ ok: false, reason: "bad-signature", explain: { cause: "no-match", evidence: [expect.stringMatching(/^x-callback-token carries a \d+-character token/)] } });
    expect(wrongToken.explain?.summary).not.toMatch(/body/);
    expect(JSON.stringify(wrongToken)).not.toContain(aSecret);
  });

  it("Midtrans signs only order_id, status_code and gross_amount: a changed transaction_status still verifies", () => {
    const aMidtransExpiry = signedFixture("midtrans-expire");
    const body = Buffer.from(aMidtransExpiry.body.toString().replace('"transaction_status":"expire"', '"transaction_status":"settlement"'));
    expect(verifyAtSigning({ ...aMidtransExpiry, body }).ok).toBe(true);
    const otherStatusCode = Buffer.from(aMidtransExpiry.body.toString().replace('"status_code":"202"', '"status_code":"200"'));
    expect(verifyAtSigning({ ...aMidtransExpiry, body: otherStatusCode })).toMatchObject({ ok: false, reason: "bad-signature" });
  });

  it("DOKU: another Request-Target (path) or Client-Id is bad-signature", () => {
    const aDokuVa = signedFixture("doku-va-bca");
    expect(verifyAtSigning({ ...aDokuVa, url: "http://127.0.0.1:3000/webhooks/other" })).toMatchObject({ ok: false, reason: "bad-signature" });
    expect(verifyAtSigning({ ...aDokuVa, headers: setHeader(aDokuVa.headers, "Client-Id", "MCH-0001-00000000000000") })).toMatchObject({ ok: false, reason: "bad-signature" });
    expect(aDokuVa.headers["Signature"]).toMatch(/^HMACSHA256=[A-Za-z0-9+/]{43}=$/);
  });

  it("DOKU SNAP: the dashboard sample's 344-character X-SIGNATURE is named as an RSA-size (asymmetric) signature", () => {
    const aDokuSnapVa = signedFixture("doku-snap-va-payment");
    const anRsaSizedSignature = "TsPrkibFNFF17BkIOviPv0CzVSdo5M5c2peE4gTdLsYddCDwgp8fui7+06U/H4tbGdutfVHGu+HW8o4D1MpjjtYooEPif9QcDU2mhVIr8p3YBK0E7yTmg7tmhZsEa/P5TcHvJFgXL1bT3gu4c5uAZ+TtkOEEHuUAprGow1kEO4p3+GAZKOoc0mjvmIGdfwdAK66vBCK1Mj4StjPugAcYYpM7u9uhtoALO2V6dM1TfFKsg3CWQoya4UVx73ePkb5ahhh0gIiTOMrWb2RXhPU4QWlnqLJR9KoWklqUX5UMrZAQuAiKtpTicEiwynIzPffrkeDxa0M7VZjc2LpBPNzXLQ==";
    const result = verifyAtSigning({ ...aDokuSnapVa, headers: setHeader(aDokuSnapVa.headers, "X-SIGNATURE", anRsaSizedSignature) });
    expect(result).toMatchObject({ ok: false, reason: "malformed-signature" });
    expect(result.detail).toMatch(/got 344 characters\): that is the size of an RSA-2048 signature/);
  });

  it("SingleView is never reported as a valid signature", () => {
    const result = verifyAtSigning(signedFixture("singleview-payment-status"));
    expect(result.reason).toBe("unsigned-provider");
    expect(result.detail).toMatch(/documents no webhook signature/);
  });

  it("every provider's scheme is registered with docs", () => {
    for (const provider of Object.values(providers)) expect(provider.docs.length).toBeGreaterThan(0);
  });
});
