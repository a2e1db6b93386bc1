import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Razorpay webhook payloads (https://razorpay.com/docs/webhooks/payloads/payments/, /orders/): an envelope
// `{entity: "event", account_id, event, contains, payload: {<entity>: {entity: {...}}}, created_at}`;
// amounts are integers in the currency's subunit (paise, sen); times are Unix seconds.

const payment = z.object({
  id: z.string().startsWith("pay_"),
  entity: z.literal("payment"),
  amount: z.number().int(),
  currency: z.string().length(3),
  status: z.enum(["created", "authorized", "captured", "refunded", "failed"]),
  order_id: z.string().nullable(),
  method: z.string(),
  captured: z.boolean(),
  created_at: z.number().int(),
});

const order = z.object({
  id: z.string().startsWith("order_"),
  entity: z.literal("order"),
  amount: z.number().int(),
  amount_paid: z.number().int(),
  amount_due: z.number().int(),
  currency: z.string().length(3),
  receipt: z.string().nullable(),
  status: z.enum(["created", "attempted", "paid"]),
  created_at: z.number().int(),
});

const envelope = <T extends z.ZodRawShape>(event: z.ZodType<string>, payload: T) =>
  z.object({
    entity: z.literal("event"),
    account_id: z.string().startsWith("acc_"),
    event,
    contains: z.array(z.string()),
    payload: z.object(payload),
    created_at: z.number().int(),
  });

/** payment.* events: the payment entity. */
export const razorpayPaymentEventSchema = envelope(z.string().startsWith("payment."), { payment: z.object({ entity: payment }) });

/** order.paid: the payment and the order. */
export const razorpayOrderPaidSchema = envelope(z.literal("order.paid"), { payment: z.object({ entity: payment }), order: z.object({ entity: order }) });

/** razorpay's event schemas, by the name a fixture gives in its `schema` field. */
export const razorpayEventSchemas = {
  "razorpay.payment": { provider: "razorpay", description: "A payment.* event (payment.captured, payment.failed ...): the payment entity.", schema: razorpayPaymentEventSchema },
  "razorpay.order-paid": { provider: "razorpay", description: "order.paid: the payment entity and the order entity.", schema: razorpayOrderPaidSchema },
} satisfies Record<string, EventSchema>;
