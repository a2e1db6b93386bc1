import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Paycombat webhooks carry no event-name field: the kind is `type` + `status`.
// Docs: https://docs.paycombat.com (Webhook PAYIN SUCCESS / PAYOUT SUCCESS / VA Register Callback).

/**
 * VA Register Callback. The documented sample uses the number 1 as a placeholder for every account
 * field and the id, so numbers and strings are both accepted.
 */
export const paycombatVaRegisterSchema = z.object({
  status: z.enum(["APPROVED", "FAILED"]),
  account_bank: z.union([z.string(), z.number()]),
  account_number: z.union([z.string(), z.number()]),
  account_holder: z.union([z.string(), z.number()]),
  id: z.union([z.string(), z.number()]),
});

/**
 * PAYIN SUCCESS / FAILED / EXPIRED. Types follow the documented PAYIN SUCCESS example: amounts and
 * fee counters are numbers, `amount_type` holds the ISO currency and `currency` the kind ("FIAT").
 */
export const paycombatPayinSchema = z.object({
  id: z.string(),
  merchant_id: z.string(),
  status: z.enum(["SUCCESS", "FAILED", "EXPIRED"]),
  amount: z.number(),
  original_amount: z.number(),
  amount_type: z.string(),
  transaction: z.string(),
  transaction_date: z.string(),
  payment_method: z.string(),
  order_reference: z.string(),
  customer_full_name: z.string(),
  reply_code: z.string(),
  brand: z.string(),
  currency: z.string(),
  credit_type: z.literal("PAYIN"),
  payer_id: z.string(),
  recon_id: z.string(),
  order_reference_1: z.string(),
  order_reference_2: z.string(),
  platform_identifier: z.string(),
  trx_type: z.literal("DIRECT_PAYIN"),
  customer_email: z.string(),
  customer_phone: z.string(),
  customer_personal_number: z.string(),
  fee_taken: z.number(),
  fee_expected: z.number(),
  charge_back: z.number(),
  rolling_serve: z.number(),
  retrieval: z.number(),
  is_black_list: z.number(),
  ip_address: z.string(),
  billing_address_country: z.string(),
  billing_address_city: z.string(),
  billing_address_zip_code: z.string(),
  billing_address: z.string(),
  bin: z.string(),
  is_3ds: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().nullable(),
  payment_date: z.string().nullable(),
  type: z.literal("PAYIN"),
});

/** PAYOUT SUCCESS / FAILED / RETURNED: the documented PAYOUT object (`original_amount` is a string). */
export const paycombatPayoutSchema = z.object({
  id: z.string(),
  merchant_id: z.string(),
  status: z.enum(["SUCCESS", "FAILED", "RETURNED"]),
  wire_id: z.string(),
  order_id: z.string().nullable(),
  due_date: z.string(),
  last_action: z.string().nullable(),
  original_amount: z.string(),
  payee_name: z.string(),
  currency: z.string(),
  beneficiary: z.string(),
  beneficiary_bank: z.string(),
  beneficiary_account_number: z.string().nullable(),
  beneficiary_account_iban: z.string().nullable(),
  wire_origin: z.string().nullable(),
  conversion: z.record(z.string(), z.unknown()).nullable(),
  // Values seen in the docs: APPROVED (success) and FAILED; approved_at/denied_at/pending_at suggest more.
  approval: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  approved_at: z.string().nullable(),
  denied_at: z.string().nullable(),
  pending_at: z.string().nullable(),
  type: z.literal("PAYOUT"),
});

/** paycombat's event schemas, by the name a fixture gives in its `schema` field. */
export const paycombatEventSchemas = {
  "paycombat.va-register": { provider: "paycombat", description: "VA Register Callback: the registration result (APPROVED or FAILED) of a virtual account.", schema: paycombatVaRegisterSchema },
  "paycombat.payin": { provider: "paycombat", description: "PAYIN object sent on PAYIN SUCCESS, FAILED and EXPIRED.", schema: paycombatPayinSchema },
  "paycombat.payout": { provider: "paycombat", description: "PAYOUT object sent on PAYOUT SUCCESS, FAILED and RETURNED.", schema: paycombatPayoutSchema },
} satisfies Record<string, EventSchema>;
