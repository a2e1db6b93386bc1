import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// SingleView's samples are not valid JSON (placeholders, `00.00`, comments); the tables call every field
// a String, but the samples show bare numbers for amounts and status codes. We accept numbers there.
// Docs: https://docs.onesingleview.com/v1.0.4/docs/erp-integration-api-payment-webhook
//       https://docs.onesingleview.com/v1.0.4/docs/erp-integration-api-payroll-webhook

/** 0 COMPLETED, 1 FAILED, 2 BANK PROCESS, 3 ONHOLD, 4 OPEN */
const paymentStatusCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** 0 IN PROGRESS, 1 REVIEWED, 2 APPROVED, 3 EXECUTED, 4 REJECTED */
const approvalStatusCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

const paymentFields = {
  payId: z.string(),
  authId: z.string(),
  seqNum: z.string(),
  svRefId: z.string(),
  amount: z.number(),
};

/** svWebHookPaymentStatus */
export const singleviewPaymentStatusSchema = z.object({
  service: z.literal("svWebHookPaymentStatus"),
  companyCode: z.string(),
  payments: z.array(
    z.object({
      ...paymentFields,
      currency: z.string(),
      txnDate: z.string(),
      status: paymentStatusCode,
      approval_status: approvalStatusCode,
    }),
  ),
});

/** svWebHookPaymentCharge */
export const singleviewPaymentChargeSchema = z.object({
  service: z.literal("svWebHookPaymentCharge"),
  companyCode: z.string(),
  payments: z.array(
    z.object({
      ...paymentFields,
      bankCharges: z.enum(["Y", "N"]),
      chargeAmount: z.number(),
      currency: z.string(),
      txnDate: z.string(),
      status: paymentStatusCode,
      approval_status: approvalStatusCode,
    }),
  ),
});

/** svWebHookPayrollApprovalStatus: the payroll docs list 3 EXECUTED and 4 REJECTED. */
export const singleviewPayrollApprovalSchema = z.object({
  service: z.literal("svWebHookPayrollApprovalStatus"),
  companyCode: z.string(),
  payrollPayId: z.string(),
  authId: z.string(),
  svRefId: z.string(),
  approval_status: approvalStatusCode,
});

/** svWebHookPayrollPaymentStatus */
export const singleviewPayrollPaymentSchema = z.object({
  service: z.literal("svWebHookPayrollPaymentStatus"),
  companyCode: z.string(),
  payrollPayId: z.string(),
  authId: z.string(),
  svRefId: z.string(),
  payment_status: paymentStatusCode,
  payeeDetails: z.array(
    z.object({
      bankCode: z.string(),
      payeeId: z.string(),
      seqNum: z.string(),
      txnDate: z.string(),
      status: paymentStatusCode,
    }),
  ),
});

/** singleview's event schemas, by the name a fixture gives in its `schema` field. */
export const singleviewEventSchemas = {
  "singleview.payment-status": { provider: "singleview", description: "svWebHookPaymentStatus: status and approval status of ERP payments.", schema: singleviewPaymentStatusSchema },
  "singleview.payment-charge": { provider: "singleview", description: "svWebHookPaymentCharge: bank charges posted against ERP payments.", schema: singleviewPaymentChargeSchema },
  "singleview.payroll-approval": { provider: "singleview", description: "svWebHookPayrollApprovalStatus: approval outcome of a payroll.", schema: singleviewPayrollApprovalSchema },
  "singleview.payroll-payment": { provider: "singleview", description: "svWebHookPayrollPaymentStatus: payment status of a payroll and of each payee.", schema: singleviewPayrollPaymentSchema },
} satisfies Record<string, EventSchema>;
