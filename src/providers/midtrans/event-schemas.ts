import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Midtrans notifications are one flat JSON object; the state is in transaction_status. Amounts are
// strings with two decimals ("10000.00"), status_code a string ("200"), times "YYYY-MM-DD HH:MM:SS" (GMT+7).
// Docs: https://docs.midtrans.com/docs/https-notification-webhooks (Card, GoPay, BCA VA samples),
//       https://docs.midtrans.com/reference/gopay-tokenization (Expired, Refund samples).

const amount = z.string().regex(/^\d+\.\d{2}$/, "Midtrans amounts are strings with two decimals");
const time = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "Midtrans times are YYYY-MM-DD HH:MM:SS");

/** What every documented notification carries. */
const notification = z.object({
  transaction_time: time,
  transaction_status: z.enum(["capture", "settlement", "pending", "deny", "cancel", "expire", "refund", "partial_refund", "authorize"]),
  transaction_id: z.string(),
  status_message: z.string(),
  status_code: z.string().regex(/^\d{3}$/),
  signature_key: z.string().regex(/^[0-9a-f]{128}$/, "signature_key is 128 lowercase hex characters (SHA-512)"),
  payment_type: z.string(),
  order_id: z.string(),
  merchant_id: z.string(),
  gross_amount: amount,
  currency: z.string().length(3),
});

/** A card payment: the card's mask, type, bank, approval and 3-D Secure ECI. */
export const midtransCardSchema = notification.extend({
  payment_type: z.literal("credit_card"),
  masked_card: z.string(),
  fraud_status: z.enum(["accept", "deny", "challenge"]),
  eci: z.string(),
  channel_response_message: z.string(),
  channel_response_code: z.string(),
  card_type: z.string(),
  bank: z.string(),
  approval_code: z.string(),
});

/** A GoPay payment: settlement, expiry and the other states share this shape. */
export const midtransGopaySchema = notification.extend({
  payment_type: z.literal("gopay"),
  fraud_status: z.enum(["accept", "deny", "challenge"]),
  settlement_time: time.optional(),
  expiry_time: time.optional(),
  payment_option_type: z.string().optional(),
});

/** A bank transfer into a virtual account (BCA, BNI, BRI): the account number in va_numbers. */
export const midtransBankTransferSchema = notification.extend({
  payment_type: z.literal("bank_transfer"),
  va_numbers: z.array(z.object({ va_number: z.string(), bank: z.string() })),
  payment_amounts: z.array(z.object({ paid_at: time, amount })),
  settlement_time: time.optional(),
});

/** A refund: the refunds made so far, and the total refunded. */
export const midtransRefundSchema = notification.extend({
  transaction_status: z.enum(["refund", "partial_refund"]),
  refund_amount: amount,
  refunds: z.array(z.object({ refund_chargeback_id: z.number(), refund_amount: amount, created_at: time, refund_key: z.string().optional() })),
});

/** midtrans's event schemas, by the name a fixture gives in its `schema` field. */
export const midtransEventSchemas = {
  "midtrans.card": { provider: "midtrans", description: "Card payment notification (payment_type credit_card).", schema: midtransCardSchema },
  "midtrans.gopay": { provider: "midtrans", description: "GoPay payment notification (settlement, expire ...).", schema: midtransGopaySchema },
  "midtrans.bank-transfer": { provider: "midtrans", description: "Virtual account (bank_transfer) notification with va_numbers.", schema: midtransBankTransferSchema },
  "midtrans.refund": { provider: "midtrans", description: "Refund notification (refund or partial_refund, with the refunds list).", schema: midtransRefundSchema },
} satisfies Record<string, EventSchema>;
