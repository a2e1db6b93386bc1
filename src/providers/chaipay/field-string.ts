import { decimalString } from "../../primitives/decimal-string.js";
import { goFormEncode } from "../../primitives/go-form-encode.js";
import { hmacSha256 } from "../../primitives/hmac.js";
import type { JsonObject } from "../../primitives/json-object.js";

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

