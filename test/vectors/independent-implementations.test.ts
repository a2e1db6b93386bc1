import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { allFixtures } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { setHeader } from "../../src/primitives/headers.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { dokuSignature, duitkuSignature, midtransSignature, phpPost } from "../helpers/gateway-verifiers.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";

// Both directions for every Indonesian scheme: whk signs and an implementation we did not write checks;
// that implementation signs and whk verifies. DOKU's are its official npm SDKs (jokul-nodejs-library,
// doku-nodejs-library, dev dependencies, local crypto only); the others are written in the test from the
// gateways' docs (test/helpers/gateway-verifiers.ts), since no official SDK verifies locally on npm.

const require = createRequire(import.meta.url);
const jokul = require("jokul-nodejs-library") as { getSignature(header: Record<string, string>, body: string, key: string): Promise<string> };
const dokuSnapSdk = require("doku-nodejs-library/_services/tokenService.js") as {
  generateSymmetricSignature(method: string, path: string, token: string, body: unknown, timestamp: string, secret: string): string;
};

const aSecret = "indonesia-secret-2025";
const anInstant = new Date("2025-06-12T03:04:05.000Z");
const aPath = "/payments/notifications?env=test";
const ids = ["midtrans", "xendit", "doku", "doku-snap", "tripay", "duitku"].flatMap((p) => allFixtures().filter((f) => f.provider === p).map((f) => f.id));

const unsignedFixture = (id: string): WebhookRequest => prepareFixtureRequest({ fixture: id, url: `http://127.0.0.1:3000${aPath}`, seed: 9 });
const signedFixture = (id: string): WebhookRequest => signRequest(unsignedFixture(id), { provider: unsignedFixture(id).provider as string, secret: aSecret, now: anInstant });
const lower = (headers: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const captured = (request: WebhookRequest) => ({ method: request.method, url: aPath, headers: lower(request.headers), body: request.body });
const verifiedByWhk = (request: WebhookRequest) => verifyRequest(request, { secret: aSecret, now: anInstant });

describe("whk signs, the docs' formula (written in the test) verifies", () => {
  it.each(ids)("%s", (id) => {
    expect(checkDelivery(id, captured(signedFixture(id)), aSecret)).toEqual({ ok: true, signed: true });
  });
});

describe("the docs' formula signs, whk verifies", () => {
  const timestamped = (request: WebhookRequest, header: string, value: string) => ({ ...request, headers: setHeader(request.headers, header, value) });

  it.each(ids.filter((id) => id.startsWith("midtrans-")))("%s: signature_key from order_id+status_code+gross_amount+key", (id) => {
    const unsigned = unsignedFixture(id);
    const body = JSON.parse(unsigned.body.toString()) as Record<string, unknown>;
    const text = unsigned.body.toString().replace(/"signature_key":"[0-9a-f]*"/, `"signature_key":"${midtransSignature(body, aSecret)}"`);
    expect(verifiedByWhk({ ...unsigned, body: Buffer.from(text) })).toMatchObject({ ok: true, reason: "valid-signature" });
  });

  it.each(ids.filter((id) => id.startsWith("xendit-")))("%s: x-callback-token is the token", (id) => {
    expect(verifiedByWhk(timestamped(unsignedFixture(id), "x-callback-token", aSecret))).toMatchObject({ ok: true, reason: "valid-signature" });
  });

  it.each(ids.filter((id) => id.startsWith("tripay-")))("%s: hex HMAC-SHA256 of the body", (id) => {
    const unsigned = unsignedFixture(id);
    const signature = createHmac("sha256", aSecret).update(unsigned.body).digest("hex");
    expect(verifiedByWhk(timestamped(unsigned, "X-Callback-Signature", signature))).toMatchObject({ ok: true, reason: "valid-signature" });
  });

  it.each(ids.filter((id) => id.startsWith("duitku-")))("%s: md5 of the decoded form fields, written back into the form", (id) => {
    const unsigned = unsignedFixture(id);
    const post = phpPost(unsigned.body);
    const text = unsigned.body.toString().replace(/signature=[0-9a-f]*/, `signature=${duitkuSignature(post, aSecret)}`);
    expect(verifiedByWhk({ ...unsigned, body: Buffer.from(text) })).toMatchObject({ ok: true, reason: "valid-signature" });
  });

  it("doku-va-bca: the test-written DOKU formula", () => {
    const stamped = timestamped(unsignedFixture("doku-va-bca"), "Request-Timestamp", "2025-06-12T03:04:05Z");
    const signature = dokuSignature(lower(stamped.headers), aPath, stamped.body, aSecret);
    expect(verifiedByWhk(timestamped(stamped, "Signature", signature))).toMatchObject({ ok: true, reason: "valid-signature" });
  });
});

describe("DOKU's official SDKs against whk", () => {
  it("jokul-nodejs-library getSignature computes whk's Signature (non-SNAP)", async () => {
    const request = signedFixture("doku-va-bca");
    const headers = { ...lower(request.headers), "request-target": aPath };
    expect(await jokul.getSignature(headers, request.body.toString("utf8"), aSecret)).toBe(request.headers["Signature"]);
  });

  it("whk verifies a Signature jokul-nodejs-library made", async () => {
    const stamped = { ...unsignedFixture("doku-va-bca"), headers: setHeader(unsignedFixture("doku-va-bca").headers, "Request-Timestamp", "2025-06-12T03:04:05Z") };
    const signature = await jokul.getSignature({ ...lower(stamped.headers), "request-target": aPath }, stamped.body.toString("utf8"), aSecret);
    expect(verifiedByWhk({ ...stamped, headers: setHeader(stamped.headers, "Signature", signature) })).toMatchObject({ ok: true, reason: "valid-signature" });
  });

  it("doku-nodejs-library generateSymmetricSignature computes whk's X-SIGNATURE (SNAP), and whk verifies the SDK's", () => {
    const request = signedFixture("doku-snap-va-payment");
    const token = (request.headers["Authorization"] ?? "").replace(/^Bearer /, "");
    const timestamp = request.headers["X-TIMESTAMP"] ?? "";
    const body: unknown = JSON.parse(request.body.toString("utf8"));
    expect(dokuSnapSdk.generateSymmetricSignature("POST", aPath, token, body, timestamp, aSecret)).toBe(request.headers["X-SIGNATURE"]);

    const otherStamp = "2025-06-12T10:04:05+07:00";
    const sdkSigned = dokuSnapSdk.generateSymmetricSignature("POST", aPath, token, body, otherStamp, aSecret);
    const resigned = { ...request, headers: setHeader(setHeader(request.headers, "X-TIMESTAMP", otherStamp), "X-SIGNATURE", sdkSigned) };
    expect(verifiedByWhk(resigned)).toMatchObject({ ok: true, reason: "valid-signature" });
  });
});
