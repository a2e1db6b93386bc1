import { chaipaySignature } from "./signature.js";
import { http200 } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

/**
 * ChaiPay / CHAIPort, now PortOne (https://docs.chaipay.io, Webhooks; https://docs.portone.cloud).
 * The signature travels in the body (`signature_hash`); no timestamp. The receiver answers 200.
 */
export const chaipay = {
  name: "chaipay",
  displayName: "ChaiPay (PortOne)",
  region: "Southeast Asia",
  scheme: chaipaySignature,
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect(_request, json) {
    if (json === null || typeof json !== "object") return undefined;
    if ("signature_hash" in json) return "signature_hash field in the body";
    if ("refund_id" in json && "refund_status" in json) return "refund_id and refund_status fields (ChaiPay refund webhook)";
    return undefined;
  },
  ack: http200("", "HTTP 200"),
  probe: {
    amountField: "amount",
    caveat: "ChaiPay signs only some fields (amount, currency, status, order refs...): never trust the unsigned ones (buyer details, descriptions) for anything that moves money.",
  },
  retry: {
    documented: false,
    summary: "no retry policy documented",
    delaysMs: [],
    afterLastFailure: "ChaiPay documents no retries: reconcile with the payment status API",
  },
  docs: [
    { title: "Webhooks (Signatures)", url: "https://docs.chaipay.io" },
    { title: "Payment webhook", url: "https://docs.portone.cloud/docs/payment-webhook" },
    { title: "Payment link webhook", url: "https://docs.portone.cloud/docs/payment-link-webhook" },
    { title: "Subscription link webhook", url: "https://docs.portone.cloud/docs/subscription-link-webhook" },
    { title: "Refund webhook (unsigned)", url: "https://docs.portone.cloud/docs/refund-webhook" },
  ],
} satisfies Provider;
