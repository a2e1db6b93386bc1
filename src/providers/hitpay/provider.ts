import { hasHeader } from "../../primitives/headers.js";
import { http200 } from "../acknowledgements.js";
import type { Provider } from "../provider.js";
import { hitpaySignature } from "./signature.js";

/**
 * HitPay, Singapore, Malaysia, the Philippines (https://docs.hitpayapp.com/docs/webhooks, /docs/events).
 * The v1 webhook is a form POST; v2 event webhooks are JSON with `Hitpay-Event-Type` (created |
 * updated), `Hitpay-Event-Object` (charge, payout, order ...) and `User-Agent: HitPay v2.0`: those
 * belong to each event, so the fixtures carry them. The receiver answers HTTP 200 (v1 docs, step 3).
 */
export const hitpay = {
  name: "hitpay",
  displayName: "HitPay",
  region: "Singapore, Malaysia, Philippines",
  scheme: hitpaySignature,
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect(request, body) {
    if (hasHeader(request.headers, "Hitpay-Signature")) return "Hitpay-Signature header";
    if (body !== null && typeof body === "object" && "hmac" in body && "payment_request_id" in body) return "hmac and payment_request_id form fields (v1 payment request webhook)";
    return undefined;
  },
  ack: http200("", "HTTP 200"),
  probe: { amountField: "amount" },
  retry: {
    documented: false,
    summary: "no retry schedule documented",
    delaysMs: [],
    afterLastFailure: "HitPay documents no retries: reconcile with the payment request's status",
  },
  docs: [
    { title: "Webhooks (v1, the payment request's webhook and its hmac)", url: "https://docs.hitpayapp.com/docs/webhooks" },
    { title: "Event webhooks (v2, Hitpay-Signature)", url: "https://docs.hitpayapp.com/docs/events" },
    { title: "Events guide", url: "https://docs.hitpayapp.com/apis/guide/events" },
  ],
} satisfies Provider;
