import { hasHeader } from "../../primitives/headers.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { http2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RETRIES = "https://docs.xendit.co/webhook/delivery-attempts-and-retries/";

/**
 * Xendit (https://docs.xendit.co/api-integration/callback/setup): every callback carries the header
 * `x-callback-token`, the dashboard's "Callback verification token", and nothing else authenticates it:
 * not an HMAC, no timestamp, nothing bound to the body. The "secret" whk asks for is that token, compared
 * in constant time (the official Ruby gem does `secure_compare`). The Bill Payments product's
 * X-Callback-Signature is left out on purpose: its string-to-sign is not published.
 */
export const xendit = {
  name: "xendit",
  displayName: "Xendit",
  region: "Indonesia, Philippines, Southeast Asia",
  scheme: templateScheme({ algorithm: "token", header: "x-callback-token" }),
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect: (request) => (hasHeader(request.headers, "x-callback-token") ? "x-callback-token header" : undefined),
  // "a delivery is successful when we receive a response with 2XX HTTP status code"; 30 s timeout.
  ack: http2xx("", "any HTTP 2xx within 30 s"),
  // Getting started, "Responding to webhooks": "We mark events as timeout/failed when there is no response
  // for 30s"; the Events page: "Timeout: Xendit did not receive any response from your server within 30s".
  deliveryTimeout: {
    ms: 30_000,
    rule: "Xendit marks an event Timeout when your server sends no response within 30 s, and does not retry a timed-out event",
    source: "https://docs.xendit.co/webhook/getting-started/",
  },
  retry: {
    documented: true,
    summary: "6 retries, 15 min, 45 min, 2 h, 3 h, 6 h and 12 h after the previous attempt (24 h after the first); an event that timed out (no answer in 30 s) is not retried",
    delaysMs: [15 * MINUTE, 45 * MINUTE, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR],
    // help.xendit.co: events in status "Timeout" (or "URL Not Set") are not auto-retried. whk cannot tell a
    // timeout from a refused connection, so any delivery without an answer counts as one.
    retriesAfter: (status) => (status === undefined ? 0 : 6),
    afterLastFailure: "Xendit stops; resend the event from the dashboard's Webhooks page, or query the payment's status",
    source: RETRIES,
  },
  probe: {
    caveat: "Xendit's x-callback-token is a static secret, the same on every callback: it proves the sender knows the token, not that the body is Xendit's. Anything that sees one callback (a log, a proxy) can forge any payment with it, and replays are undetectable: confirm the payment with Xendit's API before fulfilling, and keep the handler idempotent on the event's id.",
  },
  docs: [
    { title: "Callback setup (x-callback-token)", url: "https://docs.xendit.co/api-integration/callback/setup" },
    { title: "Handling webhooks", url: "https://docsv2.xendit.co/v1/docs/handling-webhooks" },
    { title: "Delivery attempts and retries", url: RETRIES },
    { title: "Getting started (the 30 s timeout)", url: "https://docs.xendit.co/webhook/getting-started/" },
    { title: "Payment webhook notification (payment.capture)", url: "https://docs.xendit.co/apidocs/payment-webhook-notification" },
    { title: "Invoice callback (SDK docs)", url: "https://github.com/xendit/xendit-python/blob/master/docs/InvoiceApi.md" },
  ],
} satisfies Provider;
