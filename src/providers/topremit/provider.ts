import { hasHeader } from "../../primitives/headers.js";
import { randomAlnum, randomDigits, randomUuid } from "../../primitives/random.js";
import { snapSymmetric } from "../../schemes/snap-symmetric.js";
import { http200JsonObject } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

/** SNAP's usual CHANNEL-ID for a web channel; Topremit assigns the real one. */
export const DEFAULT_CHANNEL_ID = "95221";

/**
 * Topremit (https://staging-docs.topremit.com/virtual-account-callback-16019785e0, /qris-callback-16021834e0): SNAP BI
 * headers on every callback, X-SIGNATURE per the SNAP symmetric scheme, X-EXTERNAL-ID an idempotency key
 * valid at least 24 h (so a retry keeps it). The receiver answers 200 with `{}`.
 */
export const topremit = {
  name: "topremit",
  displayName: "Topremit",
  region: "Indonesia (SNAP BI)",
  scheme: snapSymmetric,
  options: [
    { key: "accessToken", flag: "--access-token <token>", description: "the Bearer token sent and signed (default: generated)" },
    { key: "partnerId", flag: "--partner-id <id>", description: "X-PARTNER-ID (default: generated)" },
    { key: "channelId", flag: "--channel-id <id>", description: `CHANNEL-ID (default ${DEFAULT_CHANNEL_ID})` },
  ],
  prepareHeaders: ({ random, options }) => ({
    "Content-Type": "application/json",
    Authorization: `Bearer ${options["accessToken"] ?? randomAlnum(random, 40)}`,
    "CHANNEL-ID": options["channelId"] ?? DEFAULT_CHANNEL_ID,
    "X-PARTNER-ID": options["partnerId"] ?? randomUuid(random),
    "X-EXTERNAL-ID": randomDigits(random, 20),
  }),
  detect(request) {
    if (hasHeader(request.headers, "X-TIMESTAMP") && hasHeader(request.headers, "X-SIGNATURE")) return "X-TIMESTAMP and X-SIGNATURE headers (SNAP BI)";
    return undefined;
  },
  // Both callback pages' "Responses": 200 Success, application/json, body "object {0}" (an empty object).
  ack: http200JsonObject("{}", "HTTP 200 with JSON {}"),
  // "unique ... valid at least 24 h": a redelivery keeps it, so a handler can drop duplicates by it.
  idempotencyKey: { header: "X-EXTERNAL-ID" },
  retry: {
    documented: false,
    summary: "no retry policy documented",
    delaysMs: [],
    afterLastFailure: "Topremit documents no retries: reconcile with Inquiry Status",
  },
  docs: [
    { title: "Virtual Account Callback", url: "https://staging-docs.topremit.com/virtual-account-callback-16019785e0" },
    { title: "QRIS Callback", url: "https://staging-docs.topremit.com/qris-callback-16021834e0" },
    { title: "Inquiry QRIS (the shape the QRIS fixture is inferred from)", url: "https://staging-docs.topremit.com/inquiry-qris-16019235e0" },
  ],
} satisfies Provider;
