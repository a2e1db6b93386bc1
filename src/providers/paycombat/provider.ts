import { hasHeader } from "../../primitives/headers.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { http200JsonObject } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

/**
 * Paycombat (docs.paycombat.com, "VA Register Callback", "Webhook PAYIN SUCCESS", "Webhook PAYOUT SUCCESS").
 * `X-Signature` is hex HMAC-SHA256 over `JSON.stringify(data)`: the docs' Node snippet signs compact JSON,
 * so that is what travels and what we sign. No timestamp, so replays cannot be told apart.
 */
export const paycombat = {
  name: "paycombat",
  displayName: "Paycombat",
  region: "Asia (multi-currency payin/payout)",
  scheme: templateScheme({ algorithm: "hmac-sha256", header: "X-Signature" }),
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect(request) {
    // SNAP senders use the same header name (X-SIGNATURE), and only they also send X-TIMESTAMP.
    if (hasHeader(request.headers, "X-Signature") && !hasHeader(request.headers, "X-TIMESTAMP")) {
      return "X-Signature header without X-TIMESTAMP";
    }
    return undefined;
  },
  // Every webhook page's "Responses" block: 200 Success, application/json, body {"status": "string"}; 400
  // Bad Request is the documented rejection. A plain-text "OK" is not that answer.
  ack: http200JsonObject('{"status":"OK"}', 'HTTP 200 with JSON {"status": "..."}', "status"),
  retry: {
    documented: false,
    summary: "no retry policy documented",
    delaysMs: [],
    afterLastFailure: "Paycombat documents no retries: treat the event as lost and reconcile with Retrieve Payin/Payout",
  },
  docs: [
    { title: "VA Register Callback (and the X-Signature snippet)", url: "https://docs.paycombat.com" },
    { title: "Webhook PAYIN SUCCESS", url: "https://docs.paycombat.com/webhook-payin-success-14976023e0" },
    { title: "Webhook PAYIN FAILED", url: "https://docs.paycombat.com/webhook-payin-failed-17043556e0" },
    { title: "Webhook PAYIN EXPIRED", url: "https://docs.paycombat.com/webhook-payin-expired-19921507e0" },
    { title: "Webhook PAYOUT SUCCESS", url: "https://docs.paycombat.com/webhook-payout-success-14976190e0" },
    { title: "Webhook PAYOUT FAILED", url: "https://docs.paycombat.com/webhook-payout-failed-14976206e0" },
    { title: "Webhook PAYOUT RETURNED", url: "https://docs.paycombat.com/webhook-payout-returned-21652573e0" },
  ],
} satisfies Provider;
