import { describe, expect, it } from "vitest";
import { allFixtures } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { getProvider } from "../../src/providers/index.js";
import { tamper } from "../../src/probe/forgeries.js";

// Hex, so it is a key for every scheme (some hex-decode the secret).
const aSecret = "2b7d9e41c0a3f58b6d2e7a9c";
const anInstant = new Date("2025-05-15T05:34:31.000Z");

function signedFixture(id: string): WebhookRequest {
  const unsigned = prepareFixtureRequest({ fixture: id, url: "http://127.0.0.1:3000/webhooks/in", seed: 7 });
  return signRequest(unsigned, { provider: unsigned.provider as never, secret: aSecret, now: anInstant });
}

/** Changes one signed value (the status string's first letter where there is one), keeping the body valid. */
function tampered(request: WebhookRequest): WebhookRequest {
  if (request.provider === "2c2p") {
    // The claims travel base64url-encoded inside the JWT: change one character of its payload segment.
    const text = request.body.toString("utf8");
    const at = text.indexOf(".") + 10;
    return { ...request, body: Buffer.from(`${text.slice(0, at)}${text[at] === "A" ? "B" : "A"}${text.slice(at + 1)}`) };
  }
  return tamper(getProvider(request.provider ?? "").scheme, request);
}

const signedFixtures = allFixtures().filter((f) => getProvider(f.provider).scheme.needsSecret && f.id !== "chaipay-refund");

describe.each(signedFixtures.map((f) => f.id))("verifyRequest: %s", (id) => {
  const request = signedFixture(id);

  it("a genuine request is valid, with no explain", () => {
    const result = verifyRequest(request, { secret: aSecret, now: anInstant });
    expect(result).toMatchObject({ ok: true, reason: "valid-signature", warnings: [] });
    expect(result.explain).toBeUndefined();
  });

  // A static token signs nothing of the body: no change to it can be detected (pinned by its own test).
  it.skipIf(getProvider(request.provider ?? "").scheme.covers.body === "none")("a tampered body is bad-signature, explained as no-match, with the string-to-sign", () => {
    const result = verifyRequest(tampered(request), { secret: aSecret, now: anInstant });
    expect(result).toMatchObject({ ok: false, reason: "bad-signature", explain: { cause: "no-match" } });
    expect(result.preimage).toBeDefined();
  });

  it("a wrong secret is bad-signature, and the secret is never in the result", () => {
    const result = verifyRequest(request, { secret: "not-the-secret-71", now: anInstant });
    expect(result).toMatchObject({ ok: false, reason: "bad-signature", explain: { cause: "no-match" } });
    expect(JSON.stringify(result)).not.toContain("not-the-secret-71");
  });
});

describe("verifyRequest: providers that document no signature", () => {
  it.each(allFixtures().filter((f) => f.provider === "singleview" || f.id === "chaipay-refund").map((f) => f.id))("%s is unsigned-provider: its own verdict, never 'valid' nor ok, no explain", (id) => {
    const result = verifyRequest(signedFixture(id), { secret: aSecret, now: anInstant });
    expect(result).toMatchObject({ ok: false, verdict: "unsigned", reason: "unsigned-provider", detail: expect.stringContaining("nothing to verify") });
    expect(result.explain).toBeUndefined();
  });

  it("includePreimage reports the string-to-sign of a valid request too", () => {
    expect(verifyRequest(signedFixture("topremit-va"), { secret: aSecret, now: anInstant, includePreimage: true }).preimage).toMatch(/^POST:\/webhooks\/in:/);
  });
});
