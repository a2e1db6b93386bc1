import { hasHeader } from "../../primitives/headers.js";
import { randomAlnum } from "../../primitives/random.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { any2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

/**
 * Razorpay, and Curlec, its Malaysian brand (https://razorpay.com/docs/webhooks/validate-test/):
 * `X-Razorpay-Signature` is hex HMAC-SHA256 of the raw body, keyed with the secret set when the webhook
 * was created (not the API key secret). No timestamp is signed. Re-serialising the JSON breaks it
 * (https://razorpay.com/docs/webhooks/faqs). Razorpay's own docs cover Malaysia
 * (razorpay.com/docs/sg/webhooks/faqs); no Curlec-specific webhook page was found, so Curlec is an alias.
 */
export const razorpay = {
  name: "razorpay",
  displayName: "Razorpay (Curlec)",
  region: "India, Malaysia (Curlec), Singapore",
  aliases: ["curlec"],
  scheme: templateScheme({ algorithm: "hmac-sha256", header: "X-Razorpay-Signature" }),
  prepareHeaders: ({ random }) => ({
    "Content-Type": "application/json",
    // Each event's id, kept across redeliveries (https://razorpay.com/docs/webhooks/best-practices, "Idempotency").
    "X-Razorpay-Event-Id": randomAlnum(random, 14),
  }),
  detect: (request) => (hasHeader(request.headers, "X-Razorpay-Signature") ? "X-Razorpay-Signature header" : undefined),
  ack: any2xx("", "any 2xx"),
  idempotencyKey: { header: "X-Razorpay-Event-Id" },
  retry: {
    documented: true,
    summary: "exponential backoff for 24 hours from the event (waits not published)",
    delaysMs: [],
    afterLastFailure: "Razorpay retries with exponential backoff for 24 hours (waits not published, so whk does not replay them), then disables the webhook and emails an alert",
    source: "https://razorpay.com/docs/webhooks/best-practices",
  },
  // Razorpay's integration best practices ("Retries and idempotency"; "Webhooks and fetch APIs": "do not
  // rely on the order of events. Never move an order back from paid").
  delivery: {
    duplicates: { says: "expect duplicates: the same event can arrive more than once; key your handler on the event id (x-razorpay-event-id)", url: "https://razorpay.com/docs/payments/payment-gateway/s2s-integration/test-s2s/best-practices/retries-and-idempotency" },
    outOfOrder: { says: "order is not guaranteed across events: do not assume payment.captured lands before order.paid", url: "https://razorpay.com/docs/payments/payment-gateway/s2s-integration/test-s2s/best-practices/retries-and-idempotency" },
    scenario: "razorpay-order-paid",
  },
  docs: [
    { title: "Validate and test webhooks", url: "https://razorpay.com/docs/webhooks/validate-test/" },
    { title: "Webhook best practices (retries, idempotency)", url: "https://razorpay.com/docs/webhooks/best-practices" },
    { title: "Webhook FAQs", url: "https://razorpay.com/docs/webhooks/faqs" },
    { title: "Payment webhook events and payloads", url: "https://razorpay.com/docs/webhooks/payloads/payments/" },
    { title: "Order webhook events and payloads", url: "https://razorpay.com/docs/webhooks/payloads/orders/" },
  ],
} satisfies Provider;
