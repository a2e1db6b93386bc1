import type { z } from "zod";
import { chaipayPaymentLinkSchema, chaipayPayinSchema, chaipayRefundSchema, chaipaySubscriptionLinkSchema } from "./chaipay/event-schemas.js";
import { fazzDisbursementSchema, fazzPaymentSchema } from "./fazz/event-schemas.js";
import { paycombatPayinSchema, paycombatPayoutSchema, paycombatVaRegisterSchema } from "./paycombat/event-schemas.js";
import {
  singleviewPaymentChargeSchema,
  singleviewPaymentStatusSchema,
  singleviewPayrollApprovalSchema,
  singleviewPayrollPaymentSchema,
} from "./singleview/event-schemas.js";
import { topremitQrisSchema, topremitVaSchema } from "./topremit/event-schemas.js";

export * from "./chaipay/event-schemas.js";
export * from "./fazz/event-schemas.js";
export * from "./paycombat/event-schemas.js";
export * from "./singleview/event-schemas.js";
export * from "./topremit/event-schemas.js";

export interface EventSchema {
  provider: "paycombat" | "fazz" | "topremit" | "singleview" | "chaipay";
  description: string;
  schema: z.ZodType;
}

/** Body schemas keyed by the name a fixture gives in its `schema` field (`<provider>.<shape>`). */
export const eventSchemas: Record<string, EventSchema> = {
  "paycombat.va-register": {
    provider: "paycombat",
    description: "VA Register Callback: the registration result (APPROVED or FAILED) of a virtual account.",
    schema: paycombatVaRegisterSchema,
  },
  "paycombat.payin": {
    provider: "paycombat",
    description: "PAYIN object sent on PAYIN SUCCESS, FAILED and EXPIRED.",
    schema: paycombatPayinSchema,
  },
  "paycombat.payout": {
    provider: "paycombat",
    description: "PAYOUT object sent on PAYOUT SUCCESS, FAILED and RETURNED.",
    schema: paycombatPayoutSchema,
  },
  "fazz.payment": {
    provider: "fazz",
    description: "Payment callback for virtual accounts and PayNow QR (data.type = payment).",
    schema: fazzPaymentSchema,
  },
  "fazz.disbursement": {
    provider: "fazz",
    description: "Disbursement callback (data.type = disbursement), completed or failed.",
    schema: fazzDisbursementSchema,
  },
  "topremit.va": {
    provider: "topremit",
    description: "Virtual Account Callback (SNAP payment notification, additionalInfo.type VIRTUAL_ACCOUNT).",
    schema: topremitVaSchema,
  },
  "topremit.qris": {
    provider: "topremit",
    description: "QRIS Callback, inferred from the Inquiry QRIS response (additionalInfo.type QRIS).",
    schema: topremitQrisSchema,
  },
  "singleview.payment-status": {
    provider: "singleview",
    description: "svWebHookPaymentStatus: status and approval status of ERP payments.",
    schema: singleviewPaymentStatusSchema,
  },
  "singleview.payment-charge": {
    provider: "singleview",
    description: "svWebHookPaymentCharge: bank charges posted against ERP payments.",
    schema: singleviewPaymentChargeSchema,
  },
  "singleview.payroll-approval": {
    provider: "singleview",
    description: "svWebHookPayrollApprovalStatus: approval outcome of a payroll.",
    schema: singleviewPayrollApprovalSchema,
  },
  "singleview.payroll-payment": {
    provider: "singleview",
    description: "svWebHookPayrollPaymentStatus: payment status of a payroll and of each payee.",
    schema: singleviewPayrollPaymentSchema,
  },
  "chaipay.payin": {
    provider: "chaipay",
    description: "PAYIN payment status update, signed with signature_hash in the body.",
    schema: chaipayPayinSchema,
  },
  "chaipay.payment-link": {
    provider: "chaipay",
    description: "Payment link status change, signed with signature_hash in the body.",
    schema: chaipayPaymentLinkSchema,
  },
  "chaipay.subscription-link": {
    provider: "chaipay",
    description: "Subscription link status change, signed with signature_hash in the body.",
    schema: chaipaySubscriptionLinkSchema,
  },
  "chaipay.refund": {
    provider: "chaipay",
    description: "Refund status change (unsigned).",
    schema: chaipayRefundSchema,
  },
};
