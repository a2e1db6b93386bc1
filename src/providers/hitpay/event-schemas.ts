import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// HitPay (https://docs.hitpayapp.com/docs/webhooks, /docs/events). v1 webhooks are forms: every value a
// string, amounts as decimal strings ("599.00"). v2 event webhooks are JSON; amounts are decimal numbers.

/** v1: the payment request's webhook (a form). */
export const hitpayPaymentRequestWebhookSchema = z.object({
  payment_id: z.string(),
  payment_request_id: z.string(),
  phone: z.string(),
  amount: z.string().regex(/^\d+(\.\d+)?$/),
  currency: z.string().length(3),
  status: z.enum(["completed", "failed", "pending"]),
  reference_number: z.string(),
  hmac: z.string(),
});

/** v2: a charge (charge.created, charge.updated). */
export const hitpayChargeSchema = z.object({
  id: z.string(),
  business_id: z.string(),
  channel: z.string(),
  customer_id: z.string().nullable(),
  status: z.string(),
  currency: z.string(),
  amount: z.number(),
  refunded_amount: z.number(),
  refunded_at: z.string().nullable(),
  fixed_fee: z.number(),
  discount_fee: z.number(),
  discount_fee_rate: z.number(),
  failed_reason: z.string().nullable(),
});

/** hitpay's event schemas, by the name a fixture gives in its `schema` field. */
export const hitpayEventSchemas = {
  "hitpay.payment-request-webhook": { provider: "hitpay", description: "v1: the payment request's webhook, a form signed with its hmac field.", schema: hitpayPaymentRequestWebhookSchema },
  "hitpay.charge": { provider: "hitpay", description: "v2: a charge event (charge.created, charge.updated), JSON signed with Hitpay-Signature.", schema: hitpayChargeSchema },
} satisfies Record<string, EventSchema>;
