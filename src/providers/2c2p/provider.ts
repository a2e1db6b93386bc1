import { http200 } from "../acknowledgements.js";
import type { Provider } from "../provider.js";
import { twoC2pSignature } from "./signature.js";

/**
 * 2C2P PGW v4, Thailand and Southeast Asia (https://developer.2c2p.com/docs/api-payment-response-backend):
 * the backend notification POSTs `{"payload": "<JWT>"}` as JSON; `respCode` "0000" is success. The
 * frontend redirect (`paymentResponse`, base64 JSON) is unsigned and not simulated. No acknowledgement
 * or retry schedule was found in the docs: HTTP 200 is assumed.
 */
export const twoC2p = {
  name: "2c2p",
  displayName: "2C2P",
  region: "Thailand, Singapore, Southeast Asia",
  scheme: twoC2pSignature,
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect(_request, body) {
    if (body === null || typeof body !== "object") return undefined;
    const keys = Object.keys(body);
    return keys.length === 1 && keys[0] === "payload" ? 'a JSON body with one field, "payload" (a 2C2P backend notification JWT)' : undefined;
  },
  ack: http200("", "HTTP 200 (assumed: none documented)"),
  retry: {
    documented: false,
    summary: "no retry schedule documented",
    delaysMs: [],
    afterLastFailure: "2C2P documents no retries: query the payment with the Payment Inquiry API",
  },
  docs: [
    { title: "Payment response: backend notification", url: "https://developer.2c2p.com/docs/api-payment-response-backend" },
    { title: "JSON Web Tokens (JWT)", url: "https://developer.2c2p.com/docs/json-web-tokens-jwt" },
  ],
} satisfies Provider;
