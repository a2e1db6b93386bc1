import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// DOKU non-SNAP (Jokul) HTTP notifications: service, acquirer, channel, transaction, order and a
// channel-specific block. The amount is a JSON number. The VA block spells "identifer" (sic) in the docs.
// Docs: https://developers.doku.com/get-started-with-doku-api/notification/http-notification-sample-non-snap

/** A virtual account paid (the BCA sample; the other banks' samples share the shape). */
export const dokuVaPaymentSchema = z.object({
  service: z.object({ id: z.literal("VIRTUAL_ACCOUNT") }),
  acquirer: z.object({ id: z.string() }),
  channel: z.object({ id: z.string().startsWith("VIRTUAL_ACCOUNT_") }),
  transaction: z.object({
    status: z.enum(["SUCCESS", "FAILED", "PENDING", "EXPIRED"]),
    date: z.string(),
    original_request_id: z.string(),
  }),
  order: z.object({ invoice_number: z.string(), amount: z.number() }),
  virtual_account_info: z.object({ virtual_account_number: z.string() }),
  virtual_account_payment: z.object({ identifer: z.array(z.object({ name: z.string(), value: z.string() })) }).optional(),
});

/** doku's event schemas, by the name a fixture gives in its `schema` field. */
export const dokuEventSchemas = {
  "doku.va-payment": { provider: "doku", description: "Virtual account payment notification (non-SNAP, service VIRTUAL_ACCOUNT).", schema: dokuVaPaymentSchema },
} satisfies Record<string, EventSchema>;
