import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Fazz (formerly Xfers) callbacks are JSON:API style `{ data: { id, type, attributes } }`; amounts and
// fees are decimal strings ("0.01", "14.0"). Docs: https://docs.fazz.com/docs/callback-event-types

const senderInformationSchema = z.object({
  accountHolderName: z.string(),
  accountNumber: z.string(),
  bankName: z.string(),
  swiftBic: z.string(),
  extEndToEndId: z.string(),
});

/**
 * VA (unlimited, dynamic) and PayNow QR (dynamic, static) payments. The static PayNow QR sample nests
 * `senderInformation` inside `paymentMethod` and omits `paymentMethod.referenceId`, so both places are
 * optional here.
 */
export const fazzPaymentSchema = z.object({
  data: z.object({
    id: z.string(),
    type: z.literal("payment"),
    attributes: z.object({
      // https://docs.fazz.com/docs/payment-link-statuses (shared payment life cycle)
      status: z.enum(["pending", "paid", "completed", "expired", "cancelled", "failed"]),
      amount: z.string(),
      currency: z.string(),
      createdAt: z.string(),
      description: z.string().nullable(),
      expiredAt: z.string().nullable(),
      referenceId: z.string(),
      fees: z.string(),
      paymentMethod: z.object({
        id: z.string(),
        type: z.enum(["virtual_bank_account", "paynow"]),
        referenceId: z.string().optional(),
        instructions: z.record(z.string(), z.unknown()),
        senderInformation: senderInformationSchema.optional(),
      }),
      senderInformation: senderInformationSchema.optional(),
    }),
  }),
});

/** Disbursement callbacks: `failureCode`/`failureReason` are set when `status` is `failed`. */
export const fazzDisbursementSchema = z.object({
  data: z.object({
    id: z.string(),
    type: z.literal("disbursement"),
    attributes: z.object({
      referenceId: z.string(),
      description: z.string().nullable(),
      amount: z.string(),
      // https://docs.fazz.com/docs/disbursement-statuses
      status: z.enum(["pending", "processing", "completed", "failed"]),
      currency: z.string(),
      createdAt: z.string(),
      fees: z.string(),
      disbursementMethod: z.object({
        type: z.string(),
        bankShortCode: z.string(),
        bankAccountNo: z.string(),
        bankAccountHolderName: z.string(),
        serverBankAccountHolderName: z.string().nullable(),
        bankName: z.string(),
        failureCode: z.string().nullable(),
        failureReason: z.string().nullable(),
        endToEndId: z.string().nullable(),
      }),
    }),
  }),
});

/** fazz's event schemas, by the name a fixture gives in its `schema` field. */
export const fazzEventSchemas = {
  "fazz.payment": { provider: "fazz", description: "Payment callback for virtual accounts and PayNow QR (data.type = payment).", schema: fazzPaymentSchema },
  "fazz.disbursement": { provider: "fazz", description: "Disbursement callback (data.type = disbursement), completed or failed.", schema: fazzDisbursementSchema },
} satisfies Record<string, EventSchema>;
