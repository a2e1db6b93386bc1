import { templateScheme } from "../../schemes/template/template-scheme.js";
import { http200 } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const API = "https://docs.duitku.com/api/en/";
const SDK = "https://github.com/duitkupg/duitku-php/blob/master/Duitku/Api.php";

/**
 * Duitku callbacks: an `application/x-www-form-urlencoded` POST (the official SDK reads `$_POST`) whose
 * `signature` field is lowercase hex MD5 of merchantCode + amount + merchantOrderId + API key, the
 * decoded field values concatenated with no separator (duitku-php `Api::callback` / `isSignatureValid`).
 * Outgoing requests to Duitku use other orders (merchantCode + merchantOrderId + amount + key): do not mix
 * them up. resultCode "00" is success, "01" failed. No timestamp.
 */
export const duitku = {
  name: "duitku",
  displayName: "Duitku",
  region: "Indonesia",
  scheme: templateScheme({ algorithm: "md5", message: "{field:merchantCode}{field:amount}{field:merchantOrderId}{secret}", bodyField: "signature" }),
  prepareHeaders: () => ({ "Content-Type": "application/x-www-form-urlencoded" }),
  detect(_request, body) {
    if (body === null || typeof body !== "object") return undefined;
    const fields = body as Record<string, unknown>;
    const duitkuFields = typeof fields["merchantCode"] === "string" && "merchantOrderId" in fields && "signature" in fields && "resultCode" in fields;
    return duitkuFields ? "merchantCode, merchantOrderId, resultCode and signature fields (Duitku callback)" : undefined;
  },
  // The SDK's examples answer the callback with HTTP 200; the docs ask for nothing else.
  ack: http200("", "HTTP 200"),
  retry: {
    documented: false,
    summary: "no retry schedule found in Duitku's docs",
    delaysMs: [],
    afterLastFailure: "Duitku documents no retry schedule: check the order with the Transaction Status API",
  },
  probe: {
    amountField: "amount",
    caveat: "Duitku signs only merchantCode, amount and merchantOrderId: resultCode, the field that says whether the payment succeeded, is not signed, so a failed callback can be replayed with resultCode 00 and the same signature. Confirm every success with the Transaction Status API before fulfilling.",
  },
  docs: [
    { title: "API docs (callback)", url: API },
    { title: "Official PHP SDK: Api::callback, isSignatureValid", url: SDK },
    { title: "Transaction status", url: "https://docs.duitku.com/api/en/#check-transaction" },
  ],
} satisfies Provider;
