import { createHash, createHmac } from "node:crypto";
import type { CapturedRequest } from "./http-server.js";
import { same, type DeliveryCheck } from "./delivery-check.js";

/**
 * Signature checks for the Indonesian gateways, written in the test from each gateway's docs and SDK
 * sources (/work/shared/gateways.md): node:crypto and string concatenation only, never whk's template or
 * SNAP code. Each check has a signer beside it, so tests also go the other way: an independent signer,
 * whk's verify.
 */

const json = (body: Buffer): Record<string, unknown> => JSON.parse(body.toString("utf8")) as Record<string, unknown>;
const pass = (ok: boolean, why: string): DeliveryCheck => (ok ? { ok: true, signed: true } : { ok: false, why });

/** Midtrans: body.signature_key = hex SHA512(order_id + status_code + gross_amount + server key), strings as sent. */
export function midtransSignature(body: Record<string, unknown>, serverKey: string): string {
  return createHash("sha512").update(`${String(body["order_id"])}${String(body["status_code"])}${String(body["gross_amount"])}${serverKey}`).digest("hex");
}
function midtrans(request: CapturedRequest, secret: string): DeliveryCheck {
  const body = json(request.body);
  return pass(same(midtransSignature(body, secret), body["signature_key"] as string | undefined), "signature_key is not SHA-512 of order_id+status_code+gross_amount+key");
}

/** Xendit: the x-callback-token header is the dashboard's verification token itself. */
function xendit(request: CapturedRequest, secret: string): DeliveryCheck {
  return pass(same(secret, request.headers["x-callback-token"]), "x-callback-token is not the token");
}

/** DOKU non-SNAP: "HMACSHA256=" + base64 HMAC-SHA256(key, the five lines), Digest = base64 SHA-256(body). */
export function dokuSignature(headers: Record<string, string>, target: string, body: Buffer, secretKey: string): string {
  const digest = createHash("sha256").update(body).digest("base64");
  const lines = [`Client-Id:${headers["client-id"]}`, `Request-Id:${headers["request-id"]}`, `Request-Timestamp:${headers["request-timestamp"]}`, `Request-Target:${target}`, `Digest:${digest}`];
  return `HMACSHA256=${createHmac("sha256", secretKey).update(lines.join("\n")).digest("base64")}`;
}
function doku(request: CapturedRequest, secret: string): DeliveryCheck {
  for (const name of ["client-id", "request-id", "request-timestamp", "signature"]) if (!request.headers[name]) return { ok: false, why: `no ${name} header` };
  return pass(same(dokuSignature(request.headers, request.url, request.body, secret), request.headers["signature"]), "Signature does not sign the five DOKU lines");
}

/**
 * DOKU SNAP, as DOKU's own SDK computes it: minify is JSON.stringify of the parsed body (not a byte-level
 * whitespace strip), then base64 HMAC-SHA512(client secret, POST:path:token:hex sha256:X-TIMESTAMP).
 */
export function dokuSnapSignature(path: string, token: string, body: Buffer, timestamp: string, clientSecret: string): string {
  const hash = createHash("sha256").update(JSON.stringify(JSON.parse(body.toString("utf8")))).digest("hex");
  return createHmac("sha512", clientSecret).update(`POST:${path}:${token}:${hash}:${timestamp}`).digest("base64");
}
function dokuSnap(request: CapturedRequest, secret: string): DeliveryCheck {
  for (const name of ["authorization", "x-timestamp", "x-signature", "x-partner-id", "x-external-id"]) if (!request.headers[name]) return { ok: false, why: `no ${name} header` };
  const token = (request.headers["authorization"] ?? "").replace(/^Bearer /, "");
  const expected = dokuSnapSignature(request.url, token, request.body, request.headers["x-timestamp"] ?? "", secret);
  return pass(same(expected, request.headers["x-signature"]), "X-SIGNATURE is not DOKU's symmetric signature");
}

/** Tripay: X-Callback-Signature = hex HMAC-SHA256(private key, raw body); X-Callback-Event names the event. */
function tripay(request: CapturedRequest, secret: string): DeliveryCheck {
  if (request.headers["x-callback-event"] !== "payment_status") return { ok: false, why: "X-Callback-Event is not payment_status" };
  const expected = createHmac("sha256", secret).update(request.body).digest("hex");
  return pass(same(expected, request.headers["x-callback-signature"]), "X-Callback-Signature is not hex HMAC-SHA256 of the body");
}

/** A form body read the way PHP fills $_POST: split on & and =, + as a space, percent-decoded. */
export function phpPost(body: Buffer): Record<string, string> {
  const decode = (text: string): string => decodeURIComponent(text.replace(/\+/g, " "));
  return Object.fromEntries(body.toString("utf8").split("&").filter(Boolean).map((pair) => {
    const [name = "", value = ""] = pair.split(/=(.*)/s);
    return [decode(name), decode(value)];
  }));
}

/** Duitku (duitku-php isSignatureValid): md5(merchantCode + amount + merchantOrderId + apiKey), hex. */
export function duitkuSignature(post: Record<string, string>, apiKey: string): string {
  return createHash("md5").update(`${post["merchantCode"] ?? ""}${post["amount"] ?? ""}${post["merchantOrderId"] ?? ""}${apiKey}`).digest("hex");
}
function duitku(request: CapturedRequest, secret: string): DeliveryCheck {
  if (!/application\/x-www-form-urlencoded/.test(request.headers["content-type"] ?? "")) return { ok: false, why: "not a form POST" };
  const post = phpPost(request.body);
  return pass(same(duitkuSignature(post, secret), post["signature"]), "signature is not md5(merchantCode+amount+merchantOrderId+key)");
}

export const gatewayChecks = { midtrans, xendit, doku, "doku-snap": dokuSnap, tripay, duitku };
