import { http200Text } from "../acknowledgements.js";
import type { Provider } from "../provider.js";
import { ipay88Signature } from "./signature.js";

/**
 * iPay88, Malaysia (OPSG Technical Spec (MT) v1.0.6, mirrored at https://fliphtml5.com/hmseu/oxni/).
 * The BackendURL POST is a form sent only for successful payments (spec p. 26); the merchant answers
 * with the word `RECEIVEOK`, the convention across iPay88's specs (the exact page was not retrieved:
 * gateways.md marks it unverified). No retry schedule is documented. Older specs signed with SHA-1 and
 * base64, newer ones reportedly HMAC-SHA512: explain names both when they match.
 */
export const ipay88 = {
  name: "ipay88",
  displayName: "iPay88",
  region: "Malaysia",
  scheme: ipay88Signature,
  prepareHeaders: () => ({ "Content-Type": "application/x-www-form-urlencoded" }),
  detect(_request, body) {
    if (body === null || typeof body !== "object") return undefined;
    return "Signature" in body && "MerchantCode" in body && "RefNo" in body ? "Signature, MerchantCode and RefNo form fields" : undefined;
  },
  ack: http200Text("RECEIVEOK"),
  probe: { amountField: "Amount" },
  retry: {
    documented: false,
    summary: "no retry schedule documented",
    delaysMs: [],
    afterLastFailure: "iPay88 documents no schedule: re-query the payment (Requery) before fulfilling",
  },
  docs: [
    { title: "OPSG Technical Spec (MT) v1.0.6: BackendURL, Signature (pp. 26, 39-41)", url: "https://fliphtml5.com/hmseu/oxni/" },
  ],
} satisfies Provider;
