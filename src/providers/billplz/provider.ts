import { sortedFieldsScheme } from "../../schemes/sorted-fields/sorted-fields-scheme.js";
import { http200 } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

/**
 * Billplz, Malaysia (https://www.billplz.com/api, "X Signature"): the callback is a form POST whose
 * `x_signature` is hex HMAC-SHA256, keyed with the X Signature Key, of every other field as `key+value`,
 * the strings sorted case-insensitively and joined with "|"; empty values are kept (`mobile` alone).
 * The docs' worked example is a known answer in test/vectors. The callback is sent "at best effort":
 * no retry schedule is documented.
 */
export const billplz = {
  name: "billplz",
  displayName: "Billplz",
  region: "Malaysia",
  scheme: sortedFieldsScheme({ signatureField: "x_signature", order: "item-ignoring-case", separator: "|" }),
  prepareHeaders: () => ({ "Content-Type": "application/x-www-form-urlencoded" }),
  detect: (_request, body) => (body !== null && typeof body === "object" && "x_signature" in body ? "x_signature form field" : undefined),
  ack: http200("", "HTTP 200"),
  probe: { amountField: "paid_amount" },
  retry: {
    documented: false,
    summary: "no retry schedule documented (callbacks are sent at best effort)",
    delaysMs: [],
    afterLastFailure: "Billplz documents no retries: check the bill with Get a Bill",
  },
  docs: [
    { title: "API: X Signature (the callback's signature and worked example)", url: "https://www.billplz.com/api#x-signature" },
    { title: "API: Callback URL (the callback's fields)", url: "https://www.billplz.com/api#callback-url" },
  ],
} satisfies Provider;
