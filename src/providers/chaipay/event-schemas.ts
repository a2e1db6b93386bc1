import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// ChaiPay (CHAIPort, now PortOne). Amounts are JSON numbers (float64). Payment and link webhooks carry
// `signature_hash` (base64 HMAC-SHA256) in the body; the refund webhook carries none.
// Docs: https://docs.portone.cloud/docs/payment-webhook, /docs/payment-link-webhook,
//       /docs/subscription-link-webhook, /docs/refund-webhook

const signatureHash = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "signature_hash is standard base64");

/** PAYIN - Payment Status Update. Statuses seen in the docs: "Success", "Expired" (title case). */
export const chaipayPayinSchema = z.object({
  currency: z.string(),
  amount: z.number(),
  order_ref: z.string(),
  channel_order_ref: z.string(),
  merchant_order_ref: z.string(),
  country_code: z.string(),
  status: z.string(),
  channel_key: z.string(),
  method_name: z.string(),
  method_sub_type: z.string(),
  buyer_name: z.string(),
  buyer_email: z.string(),
  buyer_phone: z.string(),
  signature_hash: signatureHash,
  status_code: z.string(),
  status_channel_reason: z.string(),
  is_refund_allowed: z.boolean(),
  is_multi_refund_allowed: z.boolean(),
  link_order_ref: z.string(),
  payment_link_ref: z.string(),
  source: z.string(),
  environment: z.enum(["sandbox", "live"]),
});

/** Payment link webhook: note `countryCode` (camel case), unlike the payment webhook's `country_code`. */
export const chaipayPaymentLinkSchema = z.object({
  link_ref: z.string(),
  link: z.string(),
  currency: z.string(),
  amount: z.number(),
  countryCode: z.string(),
  status: z.string(),
  merchant_order_ref: z.string(),
  expiry_hours: z.number(),
  created_at: z.string(),
  signature_hash: signatureHash,
  portone_key: z.string(),
});

/** Subscription link webhook (https://docs.portone.cloud/docs/subscription-link-lifecycle for statuses). */
export const chaipaySubscriptionLinkSchema = z.object({
  allow_accumulate: z.enum(["Y", "N"]),
  recurring_amount: z.number(),
  currency: z.string(),
  environment: z.enum(["sandbox", "live"]),
  frequency: z.number().int(),
  expired_at: z.string(),
  link: z.string(),
  merchant_order_ref: z.string(),
  order_ref: z.string(),
  plan_order_ref: z.string(),
  period: z.enum(["H", "D", "W", "M", "Q", "Y"]),
  quantity: z.number().int(),
  recurrance_count: z.number().int(),
  started_at: z.string(),
  created_at: z.string(),
  status: z.string(),
  subscription_type: z.enum(["REGULAR", "ONDEMAND"]),
  signature_hash: signatureHash,
  total_amount: z.number(),
  collected_amount: z.number(),
  collected_count: z.number().int(),
});

/** Refund webhook: unsigned. */
export const chaipayRefundSchema = z.object({
  refund_date: z.string(),
  refund_id: z.string(),
  psp_refund_id: z.string(),
  amount: z.number(),
  currency: z.string(),
  refund_status: z.string(),
  refund_type: z.enum(["full", "partial"]),
  refund_reason: z.string(),
  merchant_id: z.string(),
  description: z.string(),
  payment_txn_ref: z.string(),
  payment_channel: z.string(),
  payment_method: z.string(),
});

/** chaipay's event schemas, by the name a fixture gives in its `schema` field. */
export const chaipayEventSchemas = {
  "chaipay.payin": { provider: "chaipay", description: "PAYIN payment status update, signed with signature_hash in the body.", schema: chaipayPayinSchema },
  "chaipay.payment-link": { provider: "chaipay", description: "Payment link status change, signed with signature_hash in the body.", schema: chaipayPaymentLinkSchema },
  "chaipay.subscription-link": { provider: "chaipay", description: "Subscription link status change, signed with signature_hash in the body.", schema: chaipaySubscriptionLinkSchema },
  "chaipay.refund": { provider: "chaipay", description: "Refund status change (unsigned).", schema: chaipayRefundSchema },
} satisfies Record<string, EventSchema>;
