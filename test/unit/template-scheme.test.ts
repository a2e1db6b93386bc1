import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setHeader } from "../../src/primitives/headers.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { defineProvider } from "../../src/providers/index.js";
import type { Provider } from "../../src/providers/provider.js";
import { templateProblems, type SignatureTemplate } from "../../src/schemes/template/signature-template.js";
import { templateScheme } from "../../src/schemes/template/template-scheme.js";
import { verifyRequest } from "../../src/verify/verify-request.js";

/**
 * The template scheme against implementations we did not write: published known answers (the
 * Standard Webhooks vector, Midtrans' and Razorpay's) and, for the rest, the provider's formula written
 * here with node:crypto straight from its description, never from whk's code.
 */
const aMoment = new Date("2025-05-15T05:34:31.000Z");
const unix = String(Math.floor(aMoment.getTime() / 1000));
const at = (date: Date) => ({ at: date });
const aRequest = (body: string, headers: Record<string, string> = { "Content-Type": "application/json" }, url = "http://127.0.0.1:3000/hooks/in?x=1"): WebhookRequest => ({
  method: "POST", url, headers, body: Buffer.from(body),
});

const stripeLike: SignatureTemplate = { algorithm: "hmac-sha256", message: "{timestamp}.{body}", header: "Acme-Signature", format: "t={timestamp},v1={signature}", timestamp: "unix" };
const standardLike: SignatureTemplate = {
  algorithm: "hmac-sha256", key: "base64:whsec_", message: "{header:webhook-id}.{timestamp}.{body}", encoding: "base64",
  header: "webhook-signature", format: "v1,{signature}", timestamp: "unix", timestampHeader: "webhook-timestamp",
};
const midtransLike: SignatureTemplate = { algorithm: "sha512", message: "{field:order_id}{field:status_code}{field:gross_amount}{secret}", bodyField: "signature_key" };

describe("known answers", () => {
  it("the Standard Webhooks vector (whsec_ key, webhook-id.timestamp.body, v1,<base64>)", () => {
    const scheme = templateScheme(standardLike);
    const request = aRequest('{"test": 2432232314}', { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek" });
    const signed = scheme.sign(request, { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now: new Date(1614265330 * 1000) });
    expect(signed.headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    expect(signed.headers["webhook-timestamp"]).toBe("1614265330");
    const withRotation = { ...signed, headers: setHeader(signed.headers, "webhook-signature", "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=") };
    expect(scheme.verify(withRotation, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", at(new Date(1614265330 * 1000)))).toMatchObject({ ok: true });
  });

  it("the Midtrans signature_key vector (SHA-512 of order_id + status_code + gross_amount + server key)", () => {
    const scheme = templateScheme(midtransLike);
    const signed = scheme.sign(aRequest('{"order_id":"1111","status_code":"200","gross_amount":"100000.00"}'), { secret: "askvnoibnosifnboseofinbofinfgbiufglnbfg", now: aMoment });
    expect(JSON.parse(signed.body.toString()).signature_key).toBe(
      "edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231",
    );
    expect(scheme.preimage?.(signed)).toBe("1111200100000.00{secret}");
  });

  it("the Razorpay vector (hex HMAC-SHA256 of the raw body)", () => {
    const scheme = templateScheme({ algorithm: "hmac-sha256", header: "X-Razorpay-Signature" });
    const signed = scheme.sign(aRequest('{"a":1,"b":2,"c":{"d":3}}'), { secret: "123456", now: aMoment });
    expect(signed.headers["X-Razorpay-Signature"]).toBe("2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc");
  });
});

describe("against formulas written here from the providers' descriptions", () => {
  it("a Stripe-style header: t=<unix>,v1=hex(HMAC-SHA256(secret, t.body)), verified both ways", () => {
    const scheme = templateScheme(stripeLike);
    const body = '{"id":"evt_1","type":"payment_intent.succeeded"}';
    const expected = createHmac("sha256", "whsec_abc").update(`${unix}.${body}`).digest("hex");
    expect(scheme.sign(aRequest(body), { secret: "whsec_abc", now: aMoment }).headers["Acme-Signature"]).toBe(`t=${unix},v1=${expected}`);
    // A header written by the independent formula, with a second v1 as during a secret rotation, verifies.
    const foreign = aRequest(body, { "Acme-Signature": `t=${unix},v1=${"0".repeat(64)},v1=${expected},v0=zz` });
    expect(scheme.verify(foreign, "whsec_abc", at(aMoment))).toMatchObject({ ok: true });
  });

  it("a plain MD5 over form fields (Duitku-style), in a form body", () => {
    const scheme = templateScheme({ algorithm: "md5", message: "{field:merchantCode}{field:amount}{field:merchantOrderId}{secret}", bodyField: "signature" });
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const body = "merchantCode=D0001&amount=150000&merchantOrderId=ORD+1%2F2&resultCode=00";
    const signed = scheme.sign(aRequest(body, form), { secret: "key", now: aMoment });
    const expected = createHash("md5").update("D0001150000ORD 1/2key").digest("hex");
    expect(signed.body.toString()).toBe(`${body}&signature=${expected}`);
    expect(scheme.verify(signed, "key", at(aMoment))).toMatchObject({ ok: true });
  });

  it("a static token (Xendit-style): the header is the secret, compared as is", () => {
    const scheme = templateScheme({ algorithm: "token", header: "x-callback-token" });
    const signed = scheme.sign(aRequest("{}"), { secret: "tok en", now: aMoment });
    expect(signed.headers["x-callback-token"]).toBe("tok en");
    expect(scheme.verify(signed, "tok en", at(aMoment))).toMatchObject({ ok: true });
    expect(scheme.verify(signed, "other", at(aMoment))).toMatchObject({ ok: false, reason: "bad-signature" });
    // The same token on every request: it covers nothing of it, which is what probe and explain go by.
    expect(scheme.covers).toEqual({ body: "none", timestamp: false, path: false });
  });

  it("a plain MD5 of form fields (Duitku-style): decoded values, the signature written back into the form", () => {
    const scheme = templateScheme({ algorithm: "md5", message: "{field:merchantCode}{field:amount}{field:merchantOrderId}{secret}", bodyField: "signature" });
    const aForm = aRequest("merchantCode=D0001&amount=10000&merchantOrderId=INV+7%2F1&signature=&resultCode=00", { "Content-Type": "application/x-www-form-urlencoded" });
    const signed = scheme.sign(aForm, { secret: "key", now: aMoment });
    const expected = createHash("md5").update("D000110000INV 7/1key").digest("hex");
    expect(signed.body.toString()).toBe(`merchantCode=D0001&amount=10000&merchantOrderId=INV+7%2F1&signature=${expected}&resultCode=00`);
    expect(scheme.covers.body).toBe("fields");
    expect(scheme.verify(signed, "key", at(aMoment))).toMatchObject({ ok: true });
  });

  it("a signed path, method and header, in upper-case hex with an ISO timestamp header", () => {
    const template: SignatureTemplate = {
      algorithm: "hmac-sha512", encoding: "HEX", message: "{method}\n{path}\n{header:X-Client}\n{timestamp}\n{body:sha256-base64}",
      header: "X-Sig", timestamp: "iso", timestampHeader: "X-Time",
    };
    const request = aRequest("{}", { "X-Client": "c-1" }, "http://shop.example/pay/notify?v=2");
    const signed = templateScheme(template).sign(request, { secret: "s", now: aMoment });
    const digest = createHash("sha256").update("{}").digest("base64");
    const expected = createHmac("sha512", "s").update(`POST\n/pay/notify?v=2\nc-1\n2025-05-15T05:34:31Z\n${digest}`).digest("hex").toUpperCase();
    expect(signed.headers).toMatchObject({ "X-Time": "2025-05-15T05:34:31Z", "X-Sig": expected });
  });

  it("base64url signatures, unpadded, behind a prefix", () => {
    const scheme = templateScheme({ algorithm: "hmac-sha1", encoding: "base64url", header: "X-Hub", format: "sha1={signature}" });
    const signed = scheme.sign(aRequest("x"), { secret: "s", now: aMoment });
    expect(signed.headers["X-Hub"]).toBe(`sha1=${createHmac("sha1", "s").update("x").digest("base64url")}`);
  });
});

describe("verdicts", () => {
  const scheme = templateScheme(stripeLike);
  const body = '{"id":"evt_1"}';
  const signed = scheme.sign(aRequest(body), { secret: "s3cret", now: aMoment });
  const header = (value: string) => ({ ...signed, headers: setHeader(signed.headers, "Acme-Signature", value) });

  it.each([
    ["no header", { ...signed, headers: {} }, "missing-signature", "no Acme-Signature header"],
    ["not the format", header("v1=abc"), "missing-timestamp", "no timestamp in Acme-Signature"],
    ["no signature pair", header(`t=${unix}`), "malformed-signature", "does not have the form t={timestamp},v1={signature}"],
    ["too short", header(`t=${unix},v1=abcd`), "malformed-signature", "is not 64 hex characters (got 4 characters)"],
    ["another secret", scheme.sign(aRequest(body), { secret: "other", now: aMoment }), "bad-signature", "does not match HMAC-SHA256 of the string-to-sign"],
  ])("%s", (_name, request, reason, detail) => {
    expect(scheme.verify(request as WebhookRequest, "s3cret", at(aMoment))).toMatchObject({ ok: false, reason, detail: expect.stringContaining(detail as string) });
  });

  it("a signature that matches is judged by its timestamp: stale past the tolerance, fine inside it", () => {
    const sixMinutesLater = new Date(aMoment.getTime() + 6 * 60_000);
    expect(scheme.verify(signed, "s3cret", at(sixMinutesLater))).toMatchObject({ ok: false, reason: "timestamp-out-of-tolerance", detail: expect.stringContaining("6m old (tolerance 5m)") });
    expect(scheme.verify(signed, "s3cret", { at: sixMinutesLater, toleranceMs: 10 * 60_000 })).toMatchObject({ ok: true });
    expect(scheme.verify(header(`t=soon,v1=${signed.headers["Acme-Signature"]?.split("v1=")[1]}`), "s3cret", at(aMoment))).toMatchObject({ ok: false });
  });

  it("never puts the secret in a preimage", () => {
    const digest = templateScheme(midtransLike);
    const request = digest.sign(aRequest('{"order_id":"1","status_code":"200","gross_amount":"1.00"}'), { secret: "sekrit", now: aMoment });
    expect(JSON.stringify(digest.verify(request, "wrong", at(aMoment)))).not.toContain("sekrit");
    expect(digest.preimage?.(request)).not.toContain("sekrit");
  });
});

describe("explain, for any template instance, with no provider-specific code", () => {
  const acme: Provider = {
    name: "acmetest", displayName: "AcmeTest", region: "test", scheme: templateScheme(stripeLike),
    prepareHeaders: () => ({ "Content-Type": "application/json" }), detect: () => undefined,
    ack: { summary: "HTTP 200", response: { status: 200, headers: {}, body: "" }, judge: () => ({ ok: true }) },
    retry: { documented: false, summary: "none", delaysMs: [], afterLastFailure: "none" }, docs: [],
  };
  defineProvider(acme);
  const body = '{"id":"evt_1","amount":100}';
  const signed = acme.scheme.sign(aRequest(body), { secret: "whsec_c2VjcmV0", now: aMoment });
  const verify = (request: WebhookRequest, secret = "whsec_c2VjcmV0") => verifyRequest(request, { secret, provider: "acmetest", now: aMoment });

  it("a body re-formatted after signing", () => {
    const pretty = { ...signed, body: Buffer.from(JSON.stringify(JSON.parse(body), null, 2)) };
    expect(verify(pretty).explain?.cause).toBe("body-reformatted");
  });

  it("a secret with a trailing newline", () => {
    expect(verify(signed, "whsec_c2VjcmV0\n").explain?.cause).toBe("secret-whitespace");
  });

  it("a secret the sender base64-decoded after its prefix, where this scheme takes it as text", () => {
    const decodedKey = Buffer.from("c2VjcmV0", "base64");
    const mac = createHmac("sha256", decodedKey).update(`${unix}.${body}`).digest("hex");
    const request = { ...signed, headers: setHeader(signed.headers, "Acme-Signature", `t=${unix},v1=${mac}`) };
    expect(verify(request).explain).toMatchObject({ cause: "secret-encoding", summary: expect.stringContaining("base64-decoded after its prefix") });
  });

  it("the MAC written in base64 where hex is documented", () => {
    const mac = createHmac("sha256", "whsec_c2VjcmV0").update(`${unix}.${body}`).digest("base64");
    const request = { ...signed, headers: setHeader(signed.headers, "Acme-Signature", `t=${unix},v1=${mac}`) };
    expect(verify(request)).toMatchObject({ reason: "malformed-signature", explain: { cause: "signature-encoding" } });
  });

  it("a signature under another key of the header (v0 beside v1), valid and malformed alike", () => {
    const mac = createHmac("sha256", "whsec_c2VjcmV0").update(`${unix}.${body}`).digest("hex");
    const onlyV0 = { ...signed, headers: setHeader(signed.headers, "Acme-Signature", `t=${unix},v0=${mac}`) };
    expect(verify(onlyV0)).toMatchObject({ reason: "malformed-signature", explain: { cause: "signature-key", summary: expect.stringContaining('under "v0"') } });
    const wrongV1 = { ...signed, headers: setHeader(signed.headers, "Acme-Signature", `t=${unix},v1=${"0".repeat(64)},v0=${mac}`) };
    expect(verify(wrongV1)).toMatchObject({ reason: "bad-signature", explain: { cause: "signature-key", evidence: expect.arrayContaining(["valid under: v0; read under: v1"]) } });
  });

  it("no near miss: says so and shows the string-to-sign", () => {
    const result = verify(signed, "another");
    expect(result.explain?.cause).toBe("no-match");
    expect(result.preimage).toBe(`${unix}.${body}`);
  });

  it("a signed path a proxy stripped a prefix from", () => {
    const pathSigned = templateScheme({ algorithm: "hmac-sha256", message: "{path}.{body}", header: "X-Sig" });
    defineProvider({ ...acme, name: "pathtest", scheme: pathSigned });
    const sent = pathSigned.sign(aRequest("{}", {}, "http://h/hooks/in"), { secret: "s", now: aMoment });
    const received = { ...sent, url: "http://h/api/hooks/in" };
    expect(verifyRequest(received, { secret: "s", provider: "pathtest" }).explain).toMatchObject({ cause: "path-prefix", summary: expect.stringContaining('without the leading "/api"') });
  });

  it("an amount signed as written another way", () => {
    const fields = templateScheme(midtransLike);
    defineProvider({ ...acme, name: "fieldtest", scheme: fields });
    const sentBody = '{"order_id":"A1","status_code":"200","gross_amount":"10000"}';
    const mac = createHash("sha512").update("A120010000.00key").digest("hex");
    const request = aRequest(sentBody.replace("}", `,"signature_key":"${mac}"}`));
    expect(verifyRequest(request, { secret: "key", provider: "fieldtest" }).explain).toMatchObject({ cause: "field-format", summary: expect.stringContaining('gross_amount written "10000.00"') });
  });
});

describe("templateProblems", () => {
  it.each<[string, SignatureTemplate, string]>([
    ["a plain digest without the secret", { algorithm: "sha256", header: "X" }, "put {secret} in the message"],
    ["the secret in an HMAC message", { algorithm: "hmac-sha256", message: "{body}{secret}", header: "X" }, "{secret} belongs in plain digests"],
    ["neither header nor field", { algorithm: "hmac-sha256" }, "give exactly one"],
    ["a body field signing the body", { algorithm: "hmac-sha256", bodyField: "sig" }, "cannot sign {body}"],
    ["a timestamp carried nowhere", { algorithm: "hmac-sha256", message: "{timestamp}.{body}", header: "X", timestamp: "unix" }, "it must travel somewhere"],
    ["a timestamp not signed", { algorithm: "hmac-sha256", header: "X", format: "t={timestamp},v1={signature}", timestamp: "unix" }, "protects nothing"],
    ["an unknown placeholder", { algorithm: "hmac-sha256", message: "{bdy}", header: "X" }, "unknown placeholder {bdy}"],
    ["a bad key", { algorithm: "hmac-sha256", header: "X", key: "base32" as never }, "is not utf8, hex, base64"],
  ])("%s", (_name, template, problem) => {
    expect(templateProblems(template).join("; ")).toContain(problem);
    expect(() => templateScheme(template).sign(aRequest("{}"), { secret: "s", now: aMoment })).toThrow(TypeError);
  });

  it("finds nothing wrong in a sound template", () => {
    for (const template of [stripeLike, standardLike, midtransLike]) expect(templateProblems(template)).toEqual([]);
  });
});
