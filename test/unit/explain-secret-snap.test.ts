import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setHeader } from "../../src/primitives/headers.js";
import { buildRequest, signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { snapBodyHash, snapSignature, snapStringToSign, type SnapParts } from "../../src/schemes/snap-string-to-sign.js";
import type { ProviderName } from "../../src/providers/index.js";

const aSecret = "sk_live_Zq9explain";
const anInstant = new Date("2025-05-15T05:34:31.000Z");
const aBody = '{"trxId":"INV-1","paidAmount":{"value":"150000.00","currency":"IDR"}}';
const aToken = "tok-5f2c9a";
const aTimestamp = "2025-05-15T12:34:31+07:00";

function signed(provider: ProviderName, url = "http://127.0.0.1:3000/webhooks/topremit"): WebhookRequest {
  const unsigned = buildRequest({ provider, url, body: aBody, options: { accessToken: aToken } });
  return signRequest(unsigned, { provider, secret: aSecret, now: anInstant });
}

/** A Topremit request whose X-SIGNATURE a buggy signer computed over `stringToSign` (parts changed as given). */
function topremitSignedOver(changes: Partial<SnapParts>, url = "http://127.0.0.1:3000/webhooks/topremit?env=test"): WebhookRequest {
  const request = buildRequest({ provider: "topremit", url, body: aBody, options: { accessToken: aToken } });
  const withTimestamp = { ...request, headers: setHeader(request.headers, "X-TIMESTAMP", aTimestamp) };
  const parts: SnapParts = { method: "POST", endpointUrl: new URL(url).pathname + new URL(url).search, accessToken: aToken, bodyHash: snapBodyHash(Buffer.from(aBody)), timestamp: aTimestamp, ...changes };
  return { ...withTimestamp, headers: setHeader(withTimestamp.headers, "X-SIGNATURE", snapSignature(aSecret, snapStringToSign(parts))) };
}

const verify = (request: WebhookRequest, secret: string | string[] = aSecret) => verifyRequest(request, { secret, now: anInstant });

describe("explain: the secret", () => {
  it.each<ProviderName>(["paycombat", "fazz", "topremit", "chaipay"])("%s: secret-whitespace and secret-quotes, described by position, never printed", (provider) => {
    const request = provider === "chaipay" ? signRequest(buildRequest({ provider, url: "http://x/", body: '{"amount":50000,"channel_key":"K","signature_hash":""}' }), { provider, secret: aSecret }) : signed(provider);
    const spaced = verify(request, ` ${aSecret}\n`);
    expect(spaced.explain).toMatchObject({ cause: "secret-whitespace", summary: expect.stringContaining("the secret with surrounding whitespace trimmed") });
    const quoted = verify(request, `"${aSecret}"`);
    expect(quoted.explain?.cause).toBe("secret-quotes");
    for (const result of [spaced, quoted]) expect(JSON.stringify(result)).not.toContain(aSecret);
  });

  it("secret-whitespace: the sender's secret had a trailing newline", () => {
    const request = signRequest(buildRequest({ provider: "fazz", url: "http://x/", body: aBody }), { provider: "fazz", secret: `${aSecret}\n` });
    expect(verify(request).explain).toMatchObject({ cause: "secret-whitespace", summary: expect.stringContaining("with a trailing newline added") });
  });

  it("several secrets: a match passes and says which one; a near miss names the position", () => {
    const request = signed("paycombat");
    expect(verify(request, ["old-secret", aSecret])).toMatchObject({ ok: true, secretIndex: 2, detail: expect.stringContaining("secret #2") });
    const nearMiss = verify(request, ["old-secret", `${aSecret} `]);
    expect(nearMiss.explain).toMatchObject({ cause: "secret-whitespace", secretIndex: 2, summary: expect.stringContaining("secret #2 with surrounding whitespace trimmed") });
  });
});

describe("explain: Topremit's string-to-sign", () => {
  const cases: [string, WebhookRequest, string][] = [
    ["path-query", topremitSignedOver({ endpointUrl: "/webhooks/topremit" }), "without its query string"],
    ["path-trailing-slash", topremitSignedOver({ endpointUrl: "/webhooks/topremit/?env=test" }), "with a trailing slash"],
    ["path-prefix", topremitSignedOver({ endpointUrl: "/topremit" }, "http://127.0.0.1:3000/api/topremit"), 'without the leading "/api"'],
    ["path-absolute-url", topremitSignedOver({ endpointUrl: "http://127.0.0.1:3000/webhooks/topremit?env=test" }), "the whole URL"],
    ["token-bearer", topremitSignedOver({ accessToken: `Bearer ${aToken}` }), '"Bearer " kept in front'],
    ["token-empty", topremitSignedOver({ accessToken: "" }), "empty access token"],
    ["timestamp-spelling", topremitSignedOver({ timestamp: "2025-05-15T05:34:31Z" }), 'spelled "2025-05-15T05:34:31Z"'],
    ["timestamp-spelling", topremitSignedOver({ timestamp: "2025-05-15T12:34:31.000+07:00" }), '"2025-05-15T12:34:31.000+07:00"'],
    ["body-hash-case", topremitSignedOver({ bodyHash: snapBodyHash(Buffer.from(aBody)).toUpperCase() }), "upper-case hex"],
  ];
  it.each(cases)("%s", (cause, request, phrase) => {
    const result = verify(request);
    expect(result.reason).toBe("bad-signature");
    expect(result.explain?.cause).toBe(cause);
    expect(result.explain?.summary).toContain(phrase);
    expect(JSON.stringify(result.explain)).not.toContain(aToken);
  });

  it("path-trailing-slash: the sender was given the path with a slash your app does not see", () => {
    expect(verify(topremitSignedOver({ endpointUrl: "/webhooks/topremit" }, "http://h/webhooks/topremit/")).explain?.summary).toContain("without its trailing slash");
  });

  it("method-case: the signer wrote the method in lower case", () => {
    const request = topremitSignedOver({});
    const stringToSign = snapStringToSign({ method: "POST", endpointUrl: "/webhooks/topremit?env=test", accessToken: aToken, bodyHash: snapBodyHash(Buffer.from(aBody)), timestamp: aTimestamp }).replace(/^POST/, "post");
    const lower = { ...request, headers: setHeader(request.headers, "X-SIGNATURE", snapSignature(aSecret, stringToSign)) };
    expect(verify(lower).explain?.cause).toBe("method-case");
  });

  it("body-not-minified: the signer hashed the pretty body as sent", () => {
    const pretty = JSON.stringify(JSON.parse(aBody), null, 2);
    const request = { ...topremitSignedOver({ bodyHash: createHash("sha256").update(pretty).digest("hex") }), body: Buffer.from(pretty) };
    expect(verify(request).explain?.cause).toBe("body-not-minified");
  });

  it("signature-encoding: base64url is malformed for SNAP, and explain names the encoding", () => {
    const request = topremitSignedOver({});
    const standard = request.headers["X-SIGNATURE"] as string;
    const url = Buffer.from(standard, "base64").toString("base64url");
    const result = verify({ ...request, headers: setHeader(request.headers, "X-SIGNATURE", url) });
    expect(result.reason).toBe("malformed-signature");
    expect(result.explain).toMatchObject({ cause: "signature-encoding", summary: expect.stringContaining("base64url") });
  });

  it("signature-algorithm: HMAC-SHA256 where SNAP uses HMAC-SHA512", () => {
    const request = topremitSignedOver({});
    const stringToSign = snapStringToSign({ method: "POST", endpointUrl: "/webhooks/topremit?env=test", accessToken: aToken, bodyHash: snapBodyHash(Buffer.from(aBody)), timestamp: aTimestamp });
    const sha256 = createHmac("sha256", aSecret).update(stringToSign).digest("base64");
    const result = verify({ ...request, headers: setHeader(request.headers, "X-SIGNATURE", sha256) });
    expect(result.reason).toBe("malformed-signature");
    expect(result.explain).toMatchObject({ cause: "signature-algorithm", summary: expect.stringContaining("HMAC-SHA256") });
  });

  it("judges the timestamp at `now` (--at) over receivedAt, within the tolerance", () => {
    // Signed 12:34:31+07:00 = 05:34:31Z; received 07:00Z, 85 minutes later.
    const request = { ...topremitSignedOver({}), receivedAt: "2025-05-15T07:00:00.000Z" };
    expect(verifyRequest(request, { secret: aSecret })).toMatchObject({ reason: "timestamp-out-of-tolerance", detail: expect.stringContaining("85m old") });
    expect(verifyRequest(request, { secret: aSecret, now: anInstant }).reason).toBe("valid-signature");
    expect(verifyRequest(request, { secret: aSecret, toleranceMs: 2 * 3_600_000 }).reason).toBe("valid-signature");
  });
});

describe("explain: the signature's encoding (hex-signing providers)", () => {
  it.each<ProviderName>(["paycombat", "fazz"])("%s: base64 instead of hex, and a sha256= prefix", (provider) => {
    const request = signed(provider);
    const header = provider === "fazz" ? "Xfers-Signature" : "X-Signature";
    const hex = Object.entries(request.headers).find(([name]) => name === header)?.[1] as string;
    const base64 = verify({ ...request, headers: setHeader(request.headers, header, Buffer.from(hex, "hex").toString("base64")) });
    expect(base64).toMatchObject({ reason: "malformed-signature", explain: { cause: "signature-encoding", summary: expect.stringContaining("standard base64") } });
    const prefixed = verify({ ...request, headers: setHeader(request.headers, header, `sha256=${hex}`) });
    expect(prefixed.explain).toMatchObject({ cause: "signature-encoding", summary: expect.stringContaining('"sha256=" prefix') });
  });

  it("a malformed signature no encoding explains has no explain", () => {
    const request = signed("paycombat");
    expect(verify({ ...request, headers: setHeader(request.headers, "X-Signature", "nope") })).toMatchObject({ reason: "malformed-signature" });
    expect(verify({ ...request, headers: setHeader(request.headers, "X-Signature", "nope") }).explain).toBeUndefined();
  });
});
