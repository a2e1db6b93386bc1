import { formFields, isFormRequest } from "../../primitives/form-body.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";

/**
 * The "sorted fields" family of form callbacks: every field of the form but the signature, each written
 * `key + value` (no `=`), the items sorted and joined, then HMAC'd. Members differ in how they sort and
 * what joins the items; these are the parameters.
 */
export interface FieldMessageRules {
  /** The form field the signature travels in, left out of the message. */
  signatureField: string;
  /** `key`: items ordered by their key, byte for byte (PHP's ksort); `item-ignoring-case`: whole `key+value` strings, case-insensitively. */
  order: "key" | "item-ignoring-case";
  /** What joins the items: "" or "|". */
  separator: string;
}

/** One form field as signed: its decoded name and value, and the text it was written as in the body. */
export interface SignedField {
  name: string;
  value: string;
  rawName: string;
  rawValue: string;
}

/** The form's fields other than the signature, in body order; undefined for a body that is not a form. */
export function signedFields(request: WebhookRequest, rules: FieldMessageRules): SignedField[] | undefined {
  if (!isFormRequest(request.headers)) return undefined;
  const text = request.body.toString("utf8");
  return formFields(text)
    .filter((field) => field.name !== rules.signatureField)
    .map((field) => {
      const pair = text.slice(field.start, field.end);
      const eq = pair.indexOf("=");
      return { name: field.name, value: field.value, rawName: eq < 0 ? pair : pair.slice(0, eq), rawValue: eq < 0 ? "" : pair.slice(eq + 1) };
    });
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders `key+value` items the way a member of the family does; ties keep a stable byte order. */
export function orderItems(items: readonly { key: string; item: string }[], order: FieldMessageRules["order"] | "body"): string[] {
  if (order === "body") return items.map((entry) => entry.item);
  const sorted = [...items].sort((a, b) =>
    order === "key" ? byBytes(a.key, b.key) : byBytes(a.item.toLowerCase(), b.item.toLowerCase()) || byBytes(a.item, b.item),
  );
  return sorted.map((entry) => entry.item);
}

/** The message a family member signs: every field (empty values too) as `key+value`, ordered, joined. */
export function fieldMessage(fields: readonly SignedField[], rules: { order: FieldMessageRules["order"] | "body"; separator: string }): string {
  return orderItems(fields.map((field) => ({ key: field.name, item: `${field.name}${field.value}` })), rules.order).join(rules.separator);
}
