import { any2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";
import { adyenSignature } from "./signature.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Adyen (https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures):
 * every notification item carries its own HMAC; Basic auth on the endpoint is optional and not
 * simulated. Acknowledgement and retries (https://docs.adyen.com/development-resources/webhooks/troubleshoot):
 * any 2xx, which legacy integrations answer with `[accepted]` (what `listen` answers); a 10 s timeout;
 * 3 retries at once, then a queue at 2m, 5m, 10m, 15m, 30m, 1h, 2h, 4h and 8h, and every 8 h up to 30
 * days. The immediate retries are documented "at 9 s, 18 s, 27 s": read as 9 s apart.
 */
export const adyen = {
  name: "adyen",
  displayName: "Adyen",
  region: "Global (Singapore, Malaysia, Thailand, Philippines, Indonesia)",
  scheme: adyenSignature,
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect(_request, body) {
    if (body === null || typeof body !== "object") return undefined;
    return Array.isArray((body as Record<string, unknown>)["notificationItems"]) ? "notificationItems in the body (Adyen notification batch)" : undefined;
  },
  // Adyen's HMAC key is hex: the test secret is whk-test-secret, hex-encoded.
  testSecret: Buffer.from("whk-test-secret").toString("hex"),
  ack: any2xx("[accepted]", "any 2xx ([accepted] for legacy integrations)"),
  // help.adyen.com, "How do I set up webhooks?": "your endpoint needs to respond: within 10 seconds to our
  // request ... Whenever your endpoint fails to respond with the above criteria, it'll enter Troubleshoot
  // mode and all notifications to this endpoint will be queued."
  deliveryTimeout: {
    ms: 10_000,
    rule: "Adyen needs an answer within 10 s; an endpoint that does not answer in time goes into Troubleshoot mode and every notification to it is queued and retried",
    source: "https://help.adyen.com/knowledge/ecommerce-integrations/webhooks/how-do-i-set-up-webhooks",
  },
  probe: {
    amountField: "notificationItems.0.NotificationRequestItem.amount.value",
    caveat: "Adyen signs eight fields per item (psp and original references, merchant account and reference, amount, currency, event code, success): never act on unsigned ones (paymentMethod, additionalData) alone, and check the batch's live flag.",
  },
  retry: {
    documented: true,
    summary: "3 retries 9 s apart, then 2m, 5m, 10m, 15m, 30m, 1h, 2h, 4h, 8h, then every 8 h up to 30 days",
    delaysMs: [9 * SECOND, 9 * SECOND, 9 * SECOND, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR],
    afterLastFailure: "it keeps retrying every 8 hours for up to 30 days, then gives up",
    source: "https://docs.adyen.com/development-resources/webhooks/troubleshoot",
  },
  docs: [
    { title: "Verify HMAC signatures", url: "https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures" },
    { title: "Webhook structure (standard notifications)", url: "https://docs.adyen.com/development-resources/webhooks/webhook-types" },
    { title: "Troubleshoot webhooks (acknowledgement, retries)", url: "https://docs.adyen.com/development-resources/webhooks/troubleshoot" },
  ],
} satisfies Provider;
