import { formField, isFormRequest } from "../../primitives/form-body.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";

/**
 * iPay88 (OPSG Technical Spec (MT) v1.0.6, 2016, pp. 39-41, mirrored at https://fliphtml5.com/hmseu/oxni/):
 * the response page and the BackendURL POST carry `Signature` = lower-case hex SHA-256 of
 * MerchantKey + MerchantCode + PaymentId + RefNo + Amount + Currency + Status, with "." and "," removed
 * from the amount ("1,278.99" signs as "127899"). A plain digest: the key is inside the message.
 */
export const SIGNED_FIELDS = ["MerchantCode", "PaymentId", "RefNo", "Amount", "Currency", "Status"] as const;

export type SignedValues = Record<(typeof SIGNED_FIELDS)[number], string>;

/** The signed fields' decoded values (absent ones empty); undefined for a body that is not a form. */
export function signedValues(request: WebhookRequest): SignedValues | undefined {
  if (!isFormRequest(request.headers)) return undefined;
  const text = request.body.toString("utf8");
  const values = {} as SignedValues;
  for (const name of SIGNED_FIELDS) values[name] = formField(text, name) ?? "";
  return values;
}

/** The amount as signed: "1,278.99" -> "127899". */
export const amountDigits = (amount: string): string => amount.replace(/[.,]/g, "");

/** The signed string after the key, with the amount spelled by `amount` (the documented stripping by default). */
export function stringAfterKey(values: SignedValues, amount: (text: string) => string = amountDigits): string {
  return SIGNED_FIELDS.map((name) => (name === "Amount" ? amount(values[name]) : values[name])).join("");
}
