import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// DOKU's SNAP payment notification (SNAP BI "transfer-va/payment" body). Unlike strict SNAP, DOKU's
// published sample writes the amount without decimals ("12500") and an unpadded partnerServiceId: both
// spellings are accepted here. Docs: https://dashboard.doku.com/docs/docs/http-notification/http-notification-snap

/** SNAP VA payment notification. */
export const dokuSnapVaPaymentSchema = z.object({
  paidAmount: z.object({ value: z.string().regex(/^\d+(\.\d{2})?$/, "an amount string, with or without two decimals"), currency: z.string().length(3) }),
  trxDateTime: z.string(),
  channelCode: z.string().optional(),
  paymentRequestId: z.string(),
  hashedSourceAccountNo: z.string().optional(),
  additionalInfo: z.record(z.string(), z.unknown()),
  partnerServiceId: z.string(),
  customerNo: z.string(),
  virtualAccountNo: z.string(),
  virtualAccountName: z.string(),
});

/** doku-snap's event schemas, by the name a fixture gives in its `schema` field. */
export const dokuSnapEventSchemas = {
  "doku-snap.va-payment": { provider: "doku-snap", description: "SNAP virtual account payment notification (paymentRequestId, paidAmount).", schema: dokuSnapVaPaymentSchema },
} satisfies Record<string, EventSchema>;
