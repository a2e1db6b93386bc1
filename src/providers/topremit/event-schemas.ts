import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Topremit follows SNAP BI: money is `{ value: "150000.00", currency: "IDR" }` with two decimals as a string.
// Docs: https://staging-docs.topremit.com ("Virtual Account Callback", "QRIS Callback", "Inquiry QRIS").

const snapAmountSchema = z.object({
  value: z.string().regex(/^\d+\.\d{2}$/, "SNAP amounts are decimal strings with two decimals"),
  currency: z.string().length(3),
});

/** Virtual Account Callback, from the documented Body Params table. */
export const topremitVaSchema = z.object({
  partnerServiceId: z.string(),
  customerNo: z.string(),
  virtualAccountNo: z.string(),
  virtualAccountName: z.string(),
  trxId: z.string(),
  paidAmount: snapAmountSchema,
  trxDateTime: z.string(),
  referenceNo: z.string(),
  additionalInfo: z.object({
    paymentId: z.string(),
    status: z.string(),
    paidAt: z.string(),
    createdAt: z.string(),
    type: z.literal("VIRTUAL_ACCOUNT"),
  }),
});

/** QRIS Callback: not published; inferred from the Inquiry QRIS response (SNAP QR MPM field names). */
export const topremitQrisSchema = z.object({
  originalReferenceNo: z.string(),
  originalPartnerReferenceNo: z.string(),
  latestTransactionStatus: z.string(),
  paidTime: z.string(),
  amount: snapAmountSchema,
  additionalInfo: z.object({
    paymentId: z.string(),
    qrisInvoiceId: z.string(),
    status: z.string(),
    createdAt: z.string(),
    type: z.literal("QRIS"),
  }),
});

/** topremit's event schemas, by the name a fixture gives in its `schema` field. */
export const topremitEventSchemas = {
  "topremit.va": { provider: "topremit", description: "Virtual Account Callback (SNAP payment notification, additionalInfo.type VIRTUAL_ACCOUNT).", schema: topremitVaSchema },
  "topremit.qris": { provider: "topremit", description: "QRIS Callback, inferred from the Inquiry QRIS response (additionalInfo.type QRIS).", schema: topremitQrisSchema },
} satisfies Record<string, EventSchema>;
