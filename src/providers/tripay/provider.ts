import { hasHeader } from "../../primitives/headers.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { jsonFieldAck } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const CALLBACK = "https://tripay.co.id/developer?tab=callback";

/**
 * Tripay payment callbacks (https://tripay.co.id/developer?tab=callback): `X-Callback-Signature` is
 * lowercase hex HMAC-SHA256 of the raw JSON body keyed with the merchant's Private Key, and
 * `X-Callback-Event: payment_status` names the event. That is the pattern of Tripay's own sample code
 * (`hash_hmac('sha256', $json, $privateKey)` over php://input), copied by many independent handlers; the
 * callback tab itself could not be retrieved (gateways.md, Tripay). The handler answers JSON
 * `{"success": true}`. No timestamp.
 */
export const tripay = {
  name: "tripay",
  displayName: "Tripay",
  region: "Indonesia",
  scheme: templateScheme({ algorithm: "hmac-sha256", header: "X-Callback-Signature" }),
  prepareHeaders: () => ({ "Content-Type": "application/json", "X-Callback-Event": "payment_status" }),
  detect(request) {
    // Another gateway's bill payments also send an X-Callback-Signature, always beside its x-callback-token.
    if (!hasHeader(request.headers, "X-Callback-Signature") || hasHeader(request.headers, "x-callback-token")) return undefined;
    return hasHeader(request.headers, "X-Callback-Event") ? "X-Callback-Signature and X-Callback-Event headers" : "X-Callback-Signature header";
  },
  ack: jsonFieldAck("success", true),
  retry: {
    documented: false,
    summary: "no retry schedule found in Tripay's docs",
    delaysMs: [],
    afterLastFailure: "Tripay documents no retry schedule whk could confirm: check the transaction with the Transaction Detail API",
  },
  docs: [
    { title: "Callback", url: CALLBACK },
    { title: "Transaction detail", url: "https://tripay.co.id/developer?tab=transaction-detail" },
  ],
} satisfies Provider;
