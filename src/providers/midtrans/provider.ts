import { templateScheme } from "../../schemes/template/template-scheme.js";
import { http2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const MINUTE = 60_000;
const NOTIFICATIONS = "https://docs.midtrans.com/docs/https-notification-webhooks";

/**
 * How many retries Midtrans makes after each answer (technical-documentation-site
 * en/after-payment/http-notification.md, "Status Codes and Errors"): 500 once, 503 four times, 400/404
 * twice, 301/302/303 never (fix the URL instead), 307/308 are followed as redirects (whk does not follow
 * them, so it counts them with "other"), anything else five times.
 */
function retriesAfter(status: number | undefined): number {
  if (status === 500) return 1;
  if (status === 503) return 4;
  if (status === 400 || status === 404) return 2;
  if (status === 301 || status === 302 || status === 303) return 0;
  return 5;
}

/**
 * Midtrans Core API / Snap payment notifications (https://docs.midtrans.com/docs/https-notification-webhooks).
 * The signature travels in the body: `signature_key` = lowercase hex SHA-512 of
 * order_id + status_code + gross_amount + server key, no separator, no HMAC. `gross_amount` is a string
 * with two decimals even for IDR ("10000.00") and `status_code` a string ("200"): both are hashed exactly
 * as received. No timestamp and no header, so a captured notification can be replayed: handlers must be
 * idempotent on order_id, as the docs ask.
 */
export const midtrans = {
  name: "midtrans",
  displayName: "Midtrans",
  region: "Indonesia",
  scheme: templateScheme({ algorithm: "sha512", message: "{field:order_id}{field:status_code}{field:gross_amount}{secret}", bodyField: "signature_key" }),
  // The docs' curl sample sends both headers.
  prepareHeaders: () => ({ Accept: "application/json", "Content-Type": "application/json" }),
  detect(_request, json) {
    if (json === null || typeof json !== "object") return undefined;
    const has = (key: string): boolean => key in json;
    return has("signature_key") && has("order_id") && has("status_code") && has("gross_amount") ? "signature_key, order_id, status_code and gross_amount fields (Midtrans notification)" : undefined;
  },
  // "respond ... with HTTP status code: 200"; the retry table counts every 2XX as success.
  ack: http2xx("", "HTTP 200 (any 2xx counts)"),
  // Best practices, "Reduce the Response Time": "We set the HTTP timeout to fifteen seconds. Please strive to
  // keep the response time of the HTTP notifications under five seconds."
  deliveryTimeout: {
    ms: 15_000,
    rule: "Midtrans sets its HTTP timeout to 15 s (and asks for answers under 5 s): a slower answer is a failed notification",
    source: "https://docs.midtrans.com/reference/best-practices-to-handle-notification",
  },
  retry: {
    documented: true,
    summary: "the number depends on your answer: 500 once, 503 4 times, 400/404 twice, 301-303 never, anything else 5 times; at 2, 10, 30, 90 and 210 min, each shifted at random; notifications may also arrive duplicated and out of order, a settlement before its pending",
    delaysMs: [2 * MINUTE, 10 * MINUTE, 30 * MINUTE, 90 * MINUTE, 210 * MINUTE],
    retriesAfter,
    afterLastFailure: "Midtrans gives up: reconcile with the GET status API (and stay idempotent on order_id: duplicates come even after a 200)",
    source: NOTIFICATIONS,
  },
  // Both from the notification page's "Best Practices" (technical-documentation-site
  // en/after-payment/http-notification.md; mt-alt-doc has the same text).
  delivery: {
    duplicates: {
      says: "in extremely rare cases we may send multiple notifications for the same transaction event: use order_id to stay idempotent",
      url: NOTIFICATIONS,
    },
    outOfOrder: {
      says: "in extremely rare cases we may send the HTTP notifications out of order, a settlement before the pending: ignore such later (stale) notifications",
      url: NOTIFICATIONS,
    },
    scenario: "midtrans-va-settlement",
  },
  probe: {
    amountField: "gross_amount",
    caveat: "Midtrans signs only order_id, status_code and gross_amount: transaction_status, fraud_status and every other field can be changed without breaking signature_key. There is no timestamp either, so a captured notification replays: confirm the status with the GET status API before fulfilling, and ignore a notification older than the state you already hold.",
  },
  docs: [
    { title: "HTTP(S) notification / webhooks", url: NOTIFICATIONS },
    { title: "Handle notifications (signature_key)", url: "https://docs.midtrans.com/reference/handle-notifications" },
    { title: "Receiving notifications", url: "https://docs.midtrans.com/reference/receiving-notifications" },
    { title: "GoPay notifications (expire, refund samples)", url: "https://docs.midtrans.com/reference/gopay-tokenization" },
    { title: "Best practices to handle notification (15 s timeout)", url: "https://docs.midtrans.com/reference/best-practices-to-handle-notification" },
  ],
} satisfies Provider;
