import { hasHeader } from "../../primitives/headers.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { http200 } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const MINUTE = 60_000;

/**
 * Fazz, formerly Xfers (https://docs.fazz.com/docs/securing-your-callback): `Xfers-Signature` is hex
 * HMAC-SHA256 of the raw body with the endpoint's signing secret (`ss_...`). No timestamp.
 * Retries (https://docs.xfers.com/docs/callback-retry-logic): "a maximum total of 20 times", the first
 * retry 5 minutes after a failure, then "an incremental interval of 5 minutes", which we read as waits of
 * 5, 10, 15 ... minutes (20 attempts in all, the first delivery included).
 */
export const fazz = {
  name: "fazz",
  displayName: "Fazz (Xfers)",
  region: "Singapore, Indonesia",
  // Fazz was Xfers until 2022: its header still says so, and half its doc links do.
  aliases: ["xfers"],
  scheme: templateScheme({ algorithm: "hmac-sha256", header: "Xfers-Signature" }),
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect: (request) => (hasHeader(request.headers, "Xfers-Signature") ? "Xfers-Signature header" : undefined),
  ack: http200("", "HTTP 200"),
  retry: {
    documented: true,
    summary: "up to 20 attempts; waits of 5, 10, 15 ... minutes",
    delaysMs: Array.from({ length: 19 }, (_, i) => (i + 1) * 5 * MINUTE),
    afterLastFailure: "it gives up after the 20th attempt",
    source: "https://docs.xfers.com/docs/callback-retry-logic",
  },
  docs: [
    { title: "Securing your callback", url: "https://docs.fazz.com/docs/securing-your-callback" },
    { title: "Callbacks", url: "https://docs.fazz.com/docs/callbacks" },
    { title: "Callback retry logic", url: "https://docs.xfers.com/docs/callback-retry-logic" },
    { title: "Callback event types", url: "https://docs.fazz.com/docs/callback-event-types" },
  ],
} satisfies Provider;
