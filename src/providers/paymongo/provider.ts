import { hasHeader } from "../../primitives/headers.js";
import { statusRangeWithJson } from "../acknowledgements.js";
import type { Provider } from "../provider.js";
import { paymongoSignature } from "./signature.js";

/**
 * PayMongo, the Philippines (https://developers.paymongo.com/docs/securing-webhook). The receiver answers
 * "with a status code between 200 and 209, along with a JSON response within 30 seconds"
 * (/docs/developer-tools-webhooks-key-concepts). No timestamp tolerance is documented: whk's default of
 * 5 minutes applies (`--tolerance`).
 */
export const paymongo = {
  name: "paymongo",
  displayName: "PayMongo",
  region: "Philippines",
  scheme: paymongoSignature,
  options: [
    {
      key: "paymongoMode",
      flag: "--paymongo-mode <mode>",
      description: "which Paymongo-Signature field is filled: test (te) or live (li) (default: the event's livemode, else test)",
    },
  ],
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect: (request) => (hasHeader(request.headers, "Paymongo-Signature") ? "Paymongo-Signature header" : undefined),
  ack: statusRangeWithJson(200, 209),
  // Webhooks key concepts: "with a status code between 200 and 209, along with a JSON response within 30 seconds".
  deliveryTimeout: {
    ms: 30_000,
    rule: "PayMongo needs a 200-209 answer with JSON within 30 s; a slower one is a failed delivery, retried up to 12 times, and 3 consecutive events that exhaust them disable the webhook",
    source: "https://developers.paymongo.com/docs/developer-tools-webhooks-key-concepts",
  },
  retry: {
    documented: true,
    summary: "up to 12 retries with exponential backoff, within about 136.5 minutes (waits not published)",
    delaysMs: [],
    afterLastFailure: "PayMongo retries up to 12 times within about 136.5 minutes (waits not published, so whk does not replay them); 3 consecutive events that exhaust them disable the webhook",
    source: "https://developers.paymongo.com/docs/webhook-retry-logic",
  },
  docs: [
    { title: "Securing a webhook", url: "https://developers.paymongo.com/docs/securing-webhook" },
    { title: "Webhook events (payload structure and samples)", url: "https://developers.paymongo.com/docs/developer-tools-webhooks-events" },
    { title: "Webhooks key concepts (acknowledgement)", url: "https://developers.paymongo.com/docs/developer-tools-webhooks-key-concepts" },
    { title: "Webhook retry logic", url: "https://developers.paymongo.com/docs/webhook-retry-logic" },
  ],
} satisfies Provider;
