import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// PayMongo events (https://developers.paymongo.com/docs/developer-tools-webhooks-events): JSON:API style
// `{data: {id: "evt_...", type: "event", attributes: {type, livemode, created_at, updated_at, data}}}`;
// amounts in centavos (integers), times in Unix seconds.

/** payment.paid, payment.failed: the payment resource under data.attributes.data. */
export const paymongoPaymentEventSchema = z.object({
  data: z.object({
    id: z.string().startsWith("evt_"),
    type: z.literal("event"),
    attributes: z.object({
      type: z.enum(["payment.paid", "payment.failed", "payment.refunded", "payment.refund.updated"]),
      livemode: z.boolean(),
      created_at: z.number().int(),
      updated_at: z.number().int(),
      data: z.object({
        id: z.string().startsWith("pay_"),
        type: z.literal("payment"),
        attributes: z.object({
          amount: z.number().int(),
          currency: z.string().length(3),
          status: z.enum(["pending", "paid", "failed"]),
          description: z.string().nullable(),
        }),
      }),
    }),
  }),
});

/** paymongo's event schemas, by the name a fixture gives in its `schema` field. */
export const paymongoEventSchemas = {
  "paymongo.payment": { provider: "paymongo", description: "A payment event (payment.paid, payment.failed ...): the payment resource under data.attributes.data.", schema: paymongoPaymentEventSchema },
} satisfies Record<string, EventSchema>;
