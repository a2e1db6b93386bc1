import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Tripay's payment_status callback (X-Callback-Event: payment_status). Amounts are JSON numbers in
// rupiah, paid_at Unix seconds (null until paid). Docs: https://tripay.co.id/developer?tab=callback

/** payment_status callback: PAID, EXPIRED, FAILED or REFUND. */
export const tripayPaymentStatusSchema = z.object({
  reference: z.string(),
  merchant_ref: z.string(),
  payment_method: z.string(),
  payment_method_code: z.string(),
  total_amount: z.number(),
  fee_merchant: z.number(),
  fee_customer: z.number(),
  total_fee: z.number(),
  amount_received: z.number(),
  is_closed_payment: z.union([z.literal(0), z.literal(1)]),
  status: z.enum(["PAID", "EXPIRED", "FAILED", "REFUND"]),
  paid_at: z.number().int().nullable(),
  note: z.string().nullable(),
});

/** tripay's event schemas, by the name a fixture gives in its `schema` field. */
export const tripayEventSchemas = {
  "tripay.payment-status": { provider: "tripay", description: "payment_status callback (status PAID, EXPIRED, FAILED or REFUND).", schema: tripayPaymentStatusSchema },
} satisfies Record<string, EventSchema>;
