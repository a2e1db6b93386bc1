import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Xendit callbacks differ by product: the legacy Invoice and Virtual Account callbacks are the object
// itself, the Payments API v3 wraps it in an event envelope. Amounts are JSON numbers; times ISO 8601 UTC.
// Docs: https://docs.xendit.co/apidocs/payment-webhook-notification, xendit-python docs/InvoiceApi.md.

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, "Xendit times are ISO 8601 UTC");

/** Invoice paid (legacy Invoice product): the invoice object, no envelope. */
export const xenditInvoiceSchema = z.object({
  id: z.string(),
  external_id: z.string(),
  user_id: z.string(),
  status: z.enum(["PAID", "SETTLED", "EXPIRED"]),
  merchant_name: z.string(),
  amount: z.number(),
  paid_amount: z.number().optional(),
  paid_at: instant.optional(),
  payer_email: z.string().optional(),
  description: z.string(),
  created: instant,
  updated: instant,
  currency: z.string().length(3),
  payment_method: z.string().optional(),
  payment_channel: z.string().optional(),
});

/** Payments API v3 payment webhook: `event` and the payment in `data`. */
export const xenditPaymentSchema = z.object({
  event: z.enum(["payment.capture", "payment.authorization", "payment.failure"]),
  business_id: z.string(),
  created: instant,
  data: z.object({
    payment_id: z.string().startsWith("py-"),
    payment_request_id: z.string().startsWith("pr-"),
    status: z.string(),
    request_amount: z.number(),
    channel_code: z.string(),
    country: z.string().length(2),
    currency: z.string().length(3),
    reference_id: z.string(),
    created: instant,
    updated: instant,
  }),
});

/** Fixed virtual account created or updated (legacy Virtual Accounts product): the account itself. */
export const xenditVaSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  external_id: z.string(),
  merchant_code: z.string(),
  account_number: z.string(),
  bank_code: z.string(),
  name: z.string(),
  is_closed: z.boolean(),
  is_single_use: z.boolean(),
  status: z.enum(["PENDING", "ACTIVE", "INACTIVE"]),
  expiration_date: instant,
  updated: instant,
  created: instant,
});

/** Fixed virtual account paid (legacy Virtual Accounts product). */
export const xenditVaPaymentSchema = z.object({
  id: z.string(),
  payment_id: z.string(),
  callback_virtual_account_id: z.string(),
  owner_id: z.string(),
  external_id: z.string(),
  account_number: z.string(),
  bank_code: z.string(),
  amount: z.number(),
  merchant_code: z.string(),
  transaction_timestamp: instant,
  created: instant,
  updated: instant,
});

/** xendit's event schemas, by the name a fixture gives in its `schema` field. */
export const xenditEventSchemas = {
  "xendit.invoice": { provider: "xendit", description: "Invoice callback (legacy Invoice product, the invoice object itself).", schema: xenditInvoiceSchema },
  "xendit.payment": { provider: "xendit", description: "Payments API v3 payment webhook (payment.capture and friends).", schema: xenditPaymentSchema },
  "xendit.va": { provider: "xendit", description: "Fixed virtual account created/updated callback (legacy Virtual Accounts product).", schema: xenditVaSchema },
  "xendit.va-payment": { provider: "xendit", description: "Fixed virtual account paid callback (legacy Virtual Accounts product).", schema: xenditVaPaymentSchema },
} satisfies Record<string, EventSchema>;
