import { hasHeader } from "../../primitives/headers.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { any2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

/**
 * Stripe (https://docs.stripe.com/webhooks#verify-manually): `Stripe-Signature: t=<unix>,v1=<hex>`,
 * v1 = hex HMAC-SHA256 of `t + "." + raw body`, keyed with the endpoint secret `whsec_...` used as
 * text (not base64-decoded). During a secret rotation the header carries one `v1` per secret: any
 * match passes. Only `v1` counts: the official SDK (stripe-node, `EXPECTED_SCHEME = 'v1'`) ignores
 * every other scheme, such as the `v0` the docs' sample header shows. The SDK's default tolerance is
 * 300 s (`DEFAULT_TOLERANCE`).
 */
export const stripe = {
  name: "stripe",
  displayName: "Stripe",
  region: "Global (widely used in Singapore, Malaysia, Thailand)",
  scheme: templateScheme({
    algorithm: "hmac-sha256",
    message: "{timestamp}.{body}",
    header: "Stripe-Signature",
    format: "t={timestamp},v1={signature}",
    timestamp: "unix",
    toleranceSeconds: 300,
  }),
  prepareHeaders: () => ({ "Content-Type": "application/json; charset=utf-8" }),
  detect: (request) => (hasHeader(request.headers, "Stripe-Signature") ? "Stripe-Signature header" : undefined),
  // "Return a successful status code (2xx) prior to any complex logic" (docs, "Quickly return a 2xx response").
  ack: any2xx("", "any 2xx"),
  retry: {
    documented: true,
    // The docs give the span, not the waits: whk cannot replay the schedule, only say it.
    summary: "live mode: exponential backoff for up to 3 days (waits not published)",
    delaysMs: [],
    afterLastFailure: "Stripe retries for up to 3 days with exponential backoff (waits not published, so whk does not replay them), then marks the event failed; it can be resent from the Dashboard",
    source: "https://docs.stripe.com/webhooks#retries",
  },
  delivery: {
    duplicates: { says: "webhook endpoints might occasionally receive the same event more than once: log the event ids you have processed", url: "https://docs.stripe.com/webhooks#handle-duplicate-events" },
    outOfOrder: { says: "Stripe doesn't guarantee delivery of events in the order in which they're generated", url: "https://docs.stripe.com/webhooks#event-ordering" },
  },
  docs: [
    { title: "Receive Stripe events in your webhook endpoint", url: "https://docs.stripe.com/webhooks" },
    { title: "Verify signatures manually", url: "https://docs.stripe.com/webhooks#verify-manually" },
    { title: "The Event object", url: "https://docs.stripe.com/api/events/object" },
    { title: "The PaymentIntent object", url: "https://docs.stripe.com/api/payment_intents/object" },
    { title: "The Checkout Session object", url: "https://docs.stripe.com/api/checkout/sessions/object" },
  ],
} satisfies Provider;
