/**
 * How the steps of each bundled scenario must relate, written from the providers' docs for the test
 * (not read from whk's scenario files): the same order across a lifecycle, a refund naming the payment,
 * the statuses in the lifecycle's order. A scenario without a rule here fails the e2e test that plays
 * every scenario, so a new one cannot ship unchecked.
 */

/** One delivered step, as the receiver got it: its body parsed (JSON, or a form's fields) and its headers. */
export interface ReceivedStep {
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

type Steps = Record<string, ReceivedStep>;

/** The value at a dotted path (`data.object.id`, `va_numbers.0.va_number`). */
export function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);
}

const json = (value: unknown): string => JSON.stringify(value) ?? "undefined";

/** Problems when `a`'s value at each path is not `b`'s at the matching path (paths given as [a, b], or one path for both). */
function same(steps: Steps, a: string, b: string, paths: (string | [string, string])[]): string[] {
  return paths.flatMap((path) => {
    const [pa, pb] = typeof path === "string" ? [path, path] : path;
    const va = at(steps[a]?.body, pa);
    const vb = at(steps[b]?.body, pb);
    return va !== undefined && json(va) === json(vb) ? [] : [`${a}.${pa} ${json(va)} is not ${b}.${pb} ${json(vb)}`];
  });
}

/** Problems when a step's field does not hold the value its event must have. */
function is(steps: Steps, step: string, path: string, expected: unknown): string[] {
  const value = at(steps[step]?.body, path);
  return json(value) === json(expected) ? [] : [`${step}.${path} is ${json(value)}, expected ${json(expected)}`];
}

function differ(steps: Steps, a: string, b: string, path: string): string[] {
  const va = at(steps[a]?.body, path);
  return va !== undefined && json(va) !== json(at(steps[b]?.body, path)) ? [] : [`${a}.${path} and ${b}.${path} should be two ids, both are ${json(va)}`];
}

const MIDTRANS_ORDER = ["order_id", "transaction_id", "transaction_time", "gross_amount"];
const ADYEN = "notificationItems.0.NotificationRequestItem.";

export const lifecycleRules: Record<string, (steps: Steps) => string[]> = {
  // The registration and the payin are separate objects: the docs link them by no field.
  "paycombat-va-payin": (s) => [...is(s, "registered", "status", "APPROVED"), ...is(s, "paid-in", "status", "SUCCESS"), ...is(s, "paid-in", "type", "PAYIN")],
  "paycombat-payout-returned": (s) => [...same(s, "returned", "success", ["id", "wire_id", "order_id", "original_amount", "payee_name"]), ...is(s, "success", "status", "SUCCESS"), ...is(s, "returned", "status", "RETURNED")],
  // A collection and a payout are two resources: two ids; the payout is of the collected amount.
  "fazz-va-disbursement": (s) => [...same(s, "disbursed", "paid", ["data.attributes.amount", "data.attributes.currency"]), ...differ(s, "disbursed", "paid", "data.id"), ...is(s, "disbursed", "data.type", "disbursement"), ...is(s, "disbursed", "data.attributes.status", "completed")],
  "fazz-va-disbursement-failed": (s) => [...same(s, "disbursed", "paid", ["data.attributes.amount", "data.attributes.currency"]), ...is(s, "disbursed", "data.attributes.status", "failed")],
  "midtrans-va-settlement": (s) => [...same(s, "settlement", "pending", [...MIDTRANS_ORDER, "va_numbers.0.va_number"]), ...is(s, "pending", "status_code", "201"), ...is(s, "settlement", "transaction_status", "settlement")],
  "midtrans-va-expire": (s) => [...same(s, "expire", "pending", [...MIDTRANS_ORDER, "va_numbers.0.va_number"]), ...is(s, "expire", "transaction_status", "expire"), ...is(s, "expire", "status_code", "202")],
  "midtrans-settlement-refund": (s) => [...same(s, "refund", "settlement", ["order_id", "transaction_id", "gross_amount", ["refund_amount", "gross_amount"], ["refunds.0.refund_amount", "gross_amount"]]), ...is(s, "refund", "transaction_status", "refund")],
  "xendit-va-paid": (s) => [...same(s, "paid", "created", [["callback_virtual_account_id", "id"], "external_id", "account_number", "bank_code", "merchant_code"]), ...is(s, "created", "status", "ACTIVE")],
  "xendit-invoice-paid": (s) => is(s, "paid", "status", "PAID"),
  "doku-va-paid": (s) => is(s, "paid", "transaction.status", "SUCCESS"),
  "topremit-va-paid": (s) => [...is(s, "paid", "additionalInfo.status", "PAID"), ...(s["paid"]?.headers["x-external-id"] ? [] : ["paid has no X-EXTERNAL-ID"])],
  "paymongo-payment-paid": (s) => is(s, "paid", "data.attributes.type", "payment.paid"),
  "tripay-payment-paid": (s) => is(s, "paid", "status", "PAID"),
  "duitku-payment-paid": (s) => is(s, "paid", "resultCode", "00"),
  "hitpay-payment-completed": (s) => is(s, "completed", "status", "completed"),
  // A refunded Charge is the PaymentIntent's latest_charge and names it; a full refund refunds the amount.
  "stripe-payment-refund": (s) => [
    ...same(s, "refunded", "succeeded", [["data.object.id", "data.object.latest_charge"], ["data.object.payment_intent", "data.object.id"], ["data.object.amount_refunded", "data.object.amount"], "data.object.currency"]),
    ...differ(s, "refunded", "succeeded", "id"),
    ...is(s, "refunded", "type", "charge.refunded"),
  ],
  "stripe-checkout-paid": (s) => [...same(s, "completed", "succeeded", [["data.object.payment_intent", "data.object.id"], ["data.object.amount_total", "data.object.amount"], "data.object.currency"]), ...differ(s, "completed", "succeeded", "id")],
  // A modification has its own pspReference and names the payment's in originalReference.
  "adyen-authorisation-refund": (s) => [
    ...same(s, "refunded", "authorised", [[`${ADYEN}originalReference`, `${ADYEN}pspReference`], `${ADYEN}merchantReference`, `${ADYEN}merchantAccountCode`, `${ADYEN}amount`]),
    ...differ(s, "refunded", "authorised", `${ADYEN}pspReference`),
    ...is(s, "refunded", `${ADYEN}eventCode`, "REFUND"),
  ],
  "chaipay-payment-refund": (s) => [...same(s, "refunded", "paid", [["payment_txn_ref", "order_ref"], "amount", "currency"]), ...is(s, "paid", "status", "Success")],
  "razorpay-order-paid": (s) => [
    ...same(s, "order-paid", "captured", ["payload.payment.entity.id", "payload.payment.entity.order_id", ["payload.order.entity.id", "payload.payment.entity.order_id"], ["payload.order.entity.amount_paid", "payload.payment.entity.amount"]]),
    ...(s["order-paid"]?.headers["x-razorpay-event-id"] !== s["captured"]?.headers["x-razorpay-event-id"] ? [] : ["the two events share an X-Razorpay-Event-Id"]),
  ],
  "singleview-payroll": (s) => same(s, "paid", "approved", ["payrollPayId", "authId", "svRefId"]),
};
