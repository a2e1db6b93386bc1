import { decimalString } from "../primitives/decimal-string.js";
import { goFormEncode } from "../primitives/go-form-encode.js";
import { constantTimeEqual, hmacSha256 } from "../primitives/hmac.js";
import { writeJsonText } from "../primitives/json-text.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { SignatureCheck, SignatureScheme } from "../providers/provider.js";

/**
 * ChaiPay (CHAIPort, now PortOne) puts the signature in the body: `signature_hash` = base64
 * HMAC-SHA256(secret, message), where the message is a fixed set of fields, every one present even
 * when empty, sorted and form-encoded like Go's url.Values.Encode()
 * (https://docs.chaipay.io, Signatures > Webhooks; https://docs.portone.cloud, "Payment Webhook Response").
 * Each webhook kind signs its own field set; the refund webhook is not signed.
 */
export type ChaipayVariant = "payment" | "payment-link" | "subscription-link";

export const chaipaySignedFields: Record<ChaipayVariant, readonly string[]> = {
  payment: ["amount", "channel_key", "channel_order_ref", "country_code", "currency", "merchant_order_ref", "method_name", "order_ref", "status"],
  "payment-link": ["amount", "country_code", "currency", "link_ref", "merchant_order_ref", "status"],
  "subscription-link": ["currency", "merchant_order_ref", "order_ref", "status"],
};

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(body: Uint8Array): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Which field set a body is signed with, from the fields it carries; undefined for the unsigned refund. */
export function chaipayVariantOf(body: JsonObject): ChaipayVariant | undefined {
  if ("link_ref" in body) return "payment-link";
  if ("channel_key" in body || "method_name" in body || "channel_order_ref" in body) return "payment";
  if ("signature_hash" in body) return "subscription-link";
  return undefined;
}

/** A field's value as it goes into the message: strings verbatim, numbers in shortest decimal, null as empty. */
export function fieldValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return decimalString(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function chaipayMessage(body: JsonObject, variant: ChaipayVariant): string {
  const fields: Record<string, string> = {};
  for (const name of chaipaySignedFields[variant]) {
    // The payment-link body spells `countryCode`; the signed field is `country_code` (providers.md).
    const raw = name === "country_code" && !(name in body) ? body["countryCode"] : body[name];
    fields[name] = fieldValue(raw);
  }
  return goFormEncode(fields);
}

export function chaipayHash(secret: string, message: string): string {
  return hmacSha256(secret, message).toString("base64");
}

function verifyChaipay(request: WebhookRequest, secret: string): SignatureCheck {
  const body = parseJsonObject(request.body);
  if (!body) return { ok: false, reason: "unreadable-body", detail: "the body is not a JSON object, so its signature_hash field cannot be read" };
  const given = body["signature_hash"];
  if (typeof given !== "string" || given === "") return { ok: false, reason: "missing-signature", detail: "the body has no signature_hash field" };
  const primary = chaipayVariantOf(body) ?? "payment";
  const variants = [primary, ...(Object.keys(chaipaySignedFields) as ChaipayVariant[]).filter((v) => v !== primary)];
  for (const variant of variants) {
    if (constantTimeEqual(chaipayHash(secret, chaipayMessage(body, variant)), given)) {
      return { ok: true, detail: `signature_hash matches the ${variant} field set` };
    }
  }
  return {
    ok: false,
    reason: "bad-signature",
    detail: `signature_hash does not match HMAC-SHA256 of the ${primary} fields (${chaipaySignedFields[primary].join(", ")})`,
    preimage: chaipayMessage(body, primary),
  };
}

export const chaipaySignature: SignatureScheme = {
  id: "chaipay-body-hmac",
  summary: "body.signature_hash: base64 HMAC-SHA256(secret, sorted form-encoded fields)",
  needsSecret: true,
  signatureIn: { bodyField: "signature_hash" },
  sign(request, { secret }) {
    const body = parseJsonObject(request.body);
    if (!body) throw new TypeError("a ChaiPay body must be a JSON object to carry signature_hash");
    const variant = chaipayVariantOf(body);
    if (variant === undefined) return request;
    const text = request.body.toString("utf8");
    const hash = JSON.stringify(chaipayHash(secret, chaipayMessage(body, variant)));
    return { ...request, body: Buffer.from(writeJsonText(text, ["signature_hash"], hash), "utf8") };
  },
  verify: verifyChaipay,
  preimage(request) {
    const body = parseJsonObject(request.body);
    return body ? chaipayMessage(body, chaipayVariantOf(body) ?? "payment") : undefined;
  },
  unsignedBecause(request) {
    const body = parseJsonObject(request.body);
    if (body && chaipayVariantOf(body) === undefined && !("signature_hash" in body)) {
      return "ChaiPay's refund webhook carries no signature (docs.chaipay.io, Webhooks)";
    }
    return undefined;
  },
};

