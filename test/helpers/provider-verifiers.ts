import { createHash, createHmac } from "node:crypto";
import { gatewayChecks } from "./gateway-verifiers.js";
import type { CapturedRequest } from "./http-server.js";
import { hexBodyHmac, same, type DeliveryCheck } from "./delivery-check.js";
import { regionalChecks } from "./regional-verifiers.js";

export type { DeliveryCheck } from "./delivery-check.js";

/**
 * Each provider's signature check, written in the test from the providers' docs
 * (/work/shared/providers.md) with node:crypto only: never whk's own scheme or verify code, so an e2e
 * test cannot pass merely because whk agrees with itself.
 */

/** SNAP minify: whitespace outside JSON strings removed, every other byte kept (like Go's json.Compact). */
export function minifyForSnap(body: Buffer): Buffer {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    if (inString) {
      out.push(byte);
      if (byte === 0x5c && i + 1 < body.length) out.push(body[++i] as number);
      else if (byte === 0x22) inString = false;
    } else if (![0x20, 0x09, 0x0a, 0x0d].includes(byte)) {
      if (byte === 0x22) inString = true;
      out.push(byte);
    }
  }
  return Buffer.from(out);
}

/** Topremit: base64 HMAC-SHA512(secret, POST:<path>:<token>:<hex sha256(minify(body))>:<X-TIMESTAMP>). */
function topremit(request: CapturedRequest, secret: string): DeliveryCheck {
  const { headers } = request;
  for (const name of ["authorization", "x-timestamp", "x-signature", "x-external-id", "x-partner-id", "channel-id"]) {
    if (!headers[name]) return { ok: false, why: `no ${name} header` };
  }
  const token = (headers["authorization"] ?? "").replace(/^Bearer /, "");
  const bodyHash = createHash("sha256").update(minifyForSnap(request.body)).digest("hex");
  const stringToSign = `${request.method.toUpperCase()}:${request.url}:${token}:${bodyHash}:${headers["x-timestamp"]}`;
  const expected = createHmac("sha512", secret).update(stringToSign).digest("base64");
  return same(expected, headers["x-signature"]) ? { ok: true, signed: true } : { ok: false, why: `X-SIGNATURE does not sign "${stringToSign}"` };
}

/** SingleView documents no webhook signature: a delivery carries none. */
function singleview(request: CapturedRequest): DeliveryCheck {
  const service = (JSON.parse(request.body.toString("utf8")) as { service?: unknown }).service;
  if (typeof service !== "string" || !service.startsWith("svWebHook")) return { ok: false, why: 'no "service": "svWebHook..." field' };
  const signatureHeader = Object.keys(request.headers).find((name) => name.includes("signature"));
  return signatureHeader === undefined ? { ok: true, signed: false } : { ok: false, why: `unexpected ${signatureHeader} header` };
}

/** Go's url.QueryEscape: unreserved A-Z a-z 0-9 - _ . ~ kept, space as +, every other UTF-8 byte %XX. */
export function goQueryEscape(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** A number as Go's strconv.FormatFloat(f, 'f', -1, 64): shortest decimal, no exponent. */
function plainNumber(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

const CHAIPAY_FIELDS = {
  payment: ["amount", "channel_key", "channel_order_ref", "country_code", "currency", "merchant_order_ref", "method_name", "order_ref", "status"],
  "payment-link": ["amount", "country_code", "currency", "link_ref", "merchant_order_ref", "status"],
  "subscription-link": ["currency", "merchant_order_ref", "order_ref", "status"],
} as const;

/** Which ChaiPay webhook a fixture is, from its id (the refund webhook is unsigned). */
const chaipayKind = (fixture: string) =>
  fixture.endsWith("refund") ? undefined : fixture.endsWith("payment-link") ? "payment-link" : fixture.endsWith("subscription-link") ? "subscription-link" : "payment";

/** ChaiPay: body.signature_hash = base64 HMAC-SHA256(secret, sorted Go-form-encoded fields). */
function chaipay(request: CapturedRequest, secret: string, fixture: string): DeliveryCheck {
  const body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
  const kind = chaipayKind(fixture);
  if (kind === undefined) return "signature_hash" in body ? { ok: false, why: "the refund webhook carries no signature_hash" } : { ok: true, signed: false };
  const fields = [...CHAIPAY_FIELDS[kind]].sort().map((name) => {
    const raw = name === "country_code" && !(name in body) ? body["countryCode"] : body[name];
    const value = raw === undefined || raw === null ? "" : typeof raw === "number" ? plainNumber(raw) : String(raw);
    return `${goQueryEscape(name)}=${goQueryEscape(value)}`;
  });
  const expected = createHmac("sha256", secret).update(fields.join("&")).digest("base64");
  return same(expected, body["signature_hash"] as string | undefined) ? { ok: true, signed: true } : { ok: false, why: `signature_hash does not sign "${fields.join("&")}"` };
}

const checks = {
  paycombat: hexBodyHmac("x-signature"),
  fazz: hexBodyHmac("xfers-signature"),
  topremit,
  singleview,
  chaipay,
  ...gatewayChecks,
  ...regionalChecks,
};

/** Checks a captured delivery of `fixture` (an id like "topremit-va") the way its provider's docs say. */
export function checkDelivery(fixture: string, request: CapturedRequest, secret: string): DeliveryCheck {
  // The longest provider name the id starts with: "doku-snap-va-payment" is doku-snap's, not doku's.
  const provider = (Object.keys(checks) as (keyof typeof checks)[]).filter((name) => fixture.startsWith(`${name}-`)).sort((a, b) => b.length - a.length)[0];
  if (provider === undefined) return { ok: false, why: `no check for fixture "${fixture}"` };
  return checks[provider](request, secret, fixture);
}
