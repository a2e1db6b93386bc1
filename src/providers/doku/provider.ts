import { hasHeader } from "../../primitives/headers.js";
import { randomDigits, randomUuid } from "../../primitives/random.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";
import { http2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const MINUTE = 60_000;
const SIGNATURE = "https://developers.doku.com/get-started-with-doku-api/signature-component/non-snap/signature-component-from-request-header";
const RETRIES = "https://developers.doku.com/get-started-with-doku-api/notification/retry-notification";

/**
 * DOKU non-SNAP ("Jokul", DOKU Checkout and Direct API v2) HTTP notifications. `Signature` is
 * `HMACSHA256=` + base64 HMAC-SHA256(secret key, five lines joined by \n, no trailing newline):
 * Client-Id, Request-Id, Request-Timestamp (the headers), Request-Target (the path of the merchant's
 * notification URL: "if merchant set the Notification URL https://yourdomain.com/payments/notifications,
 * the Request-Target value is /payments/notifications", notification/best-practice) and Digest (base64 of
 * the raw SHA-256 of the body, not hex). whk signs the path with its query, as the URL is given; explain
 * names the query if a sender left it out. DOKU's SNAP notifications are the doku-snap provider.
 */
export const doku = {
  name: "doku",
  displayName: "DOKU (Jokul, non-SNAP)",
  region: "Indonesia",
  scheme: templateScheme({
    algorithm: "hmac-sha256",
    message: "Client-Id:{header:Client-Id}\nRequest-Id:{header:Request-Id}\nRequest-Timestamp:{timestamp}\nRequest-Target:{path}\nDigest:{body:sha256-base64}",
    encoding: "base64",
    header: "Signature",
    format: "HMACSHA256={signature}",
    // "UTC ISO-8601, e.g. 2020-08-11T08:45:42Z" (the notification sample's Request-Timestamp).
    timestamp: "iso",
    timestampHeader: "Request-Timestamp",
  }),
  options: [{ key: "clientId", flag: "--client-id <id>", description: "Client-Id, your DOKU client id (default: generated, MCH-0001-...)" }],
  prepareHeaders: ({ random, options }) => ({
    "Content-Type": "application/json",
    "Client-Id": options["clientId"] ?? `MCH-0001-${randomDigits(random, 14)}`,
    // "Unique random string (max 128 characters)": the sample is a UUID.
    "Request-Id": randomUuid(random),
  }),
  detect(request) {
    const dokuHeaders = hasHeader(request.headers, "Signature") && hasHeader(request.headers, "Client-Id") && hasHeader(request.headers, "Request-Id");
    return dokuHeaders ? "Signature, Client-Id and Request-Id headers (DOKU non-SNAP)" : undefined;
  },
  ack: http2xx("", "any HTTP 2xx"),
  retry: {
    documented: true,
    summary: "3 retries: 30 min, 5 h 30 min and 11 h 30 min after the previous attempt (30 min, 6 h and 12 h after the first)",
    delaysMs: [30 * MINUTE, 330 * MINUTE, 690 * MINUTE],
    afterLastFailure: "DOKU stops; retry the notification from the Back Office (Integration > HTTP Notification) or call the Check Status API",
    source: RETRIES,
  },
  docs: [
    { title: "Signature component from request header (non-SNAP)", url: SIGNATURE },
    { title: "Notification best practice (Request-Target, Digest)", url: "https://developers.doku.com/get-started-with-doku-api/notification/best-practice" },
    { title: "HTTP notification sample (non-SNAP)", url: "https://developers.doku.com/get-started-with-doku-api/notification/http-notification-sample-non-snap" },
    { title: "Retry notification", url: RETRIES },
  ],
} satisfies Provider;
