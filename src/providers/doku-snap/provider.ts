import { getHeader, hasHeader } from "../../primitives/headers.js";
import { randomAlnum, randomDigits } from "../../primitives/random.js";
import { snapSymmetric } from "../../schemes/snap-symmetric.js";
import { http2xx } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const MINUTE = 60_000;
const SYMMETRIC = "https://developers.doku.com/get-started-with-doku-api/signature-component/snap/symmetric-signature";
const RETRIES = "https://developers.doku.com/get-started-with-doku-api/notification/retry-notification";

/** DOKU client ids as its docs print them: `BRN-0201-1690274481481` (SNAP), `MCH-0001-10791114622547`. */
const DOKU_CLIENT_ID = /^(BRN|MCH)-\d{4}-\d+$/;

/**
 * DOKU's SNAP (Bank Indonesia standard) payment notifications. DOKU first gets a B2B token from the
 * merchant, then POSTs the notification with `Authorization: Bearer <token>`, X-PARTNER-ID (the client
 * id), X-EXTERNAL-ID, X-TIMESTAMP and X-SIGNATURE. The docs conflict on X-SIGNATURE: the SNAP signature
 * page says a merchant verifies DOKU's notification with the symmetric signature (HMAC-SHA512 of
 * POST:path:token:sha256(minify(body)):X-TIMESTAMP, base64, keyed with the client secret) and the
 * official SDK (doku-nodejs-library generateSymmetricSignature) computes exactly that, while the
 * dashboard's sample shows a 344-character value, the size of an RSA-2048 signature. whk signs and
 * verifies the symmetric form, shared with every SNAP provider (schemes/snap-symmetric.ts); verify says
 * plainly when a signature has the asymmetric size.
 */
export const dokuSnap = {
  name: "doku-snap",
  displayName: "DOKU (SNAP)",
  region: "Indonesia (SNAP BI)",
  scheme: snapSymmetric,
  options: [
    { key: "accessToken", flag: "--access-token <token>", description: "the B2B Bearer token sent and signed (default: generated)" },
    { key: "partnerId", flag: "--partner-id <id>", description: "X-PARTNER-ID, your DOKU client id (default: generated, BRN-0201-...)" },
  ],
  // The dashboard sample's headers: no CHANNEL-ID, an X-EXTERNAL-ID of 36 digits.
  prepareHeaders: ({ random, options }) => ({
    "Content-Type": "application/json",
    Authorization: `Bearer ${options["accessToken"] ?? randomAlnum(random, 40)}`,
    "X-PARTNER-ID": options["partnerId"] ?? `BRN-0201-${randomDigits(random, 13)}`,
    "X-EXTERNAL-ID": randomDigits(random, 36),
  }),
  /**
   * Other SNAP senders use these headers too: DOKU is told apart by its client id in X-PARTNER-ID, or by
   * the body of a SNAP VA payment notification (paymentRequestId with virtualAccountNo), which the other
   * bundled SNAP provider's documented callbacks do not carry.
   */
  detect(request, json) {
    if (!hasHeader(request.headers, "X-TIMESTAMP") || !hasHeader(request.headers, "X-SIGNATURE")) return undefined;
    if (DOKU_CLIENT_ID.test(getHeader(request.headers, "X-PARTNER-ID") ?? "")) return "SNAP headers with a DOKU client id in X-PARTNER-ID";
    const body = json !== null && typeof json === "object" ? json : {};
    return "paymentRequestId" in body && "virtualAccountNo" in body ? "SNAP headers and a SNAP VA payment notification body (paymentRequestId)" : undefined;
  },
  // The retry page covers SNAP too. The answer is SNAP-style: the SDK's generateNotificationResponse
  // says responseCode 2002700, "success"; DOKU itself only asks for a 2xx.
  ack: http2xx('{"responseCode":"2002700","responseMessage":"success"}', "any HTTP 2xx"),
  retry: {
    documented: true,
    summary: "3 retries: 30 min, 5 h 30 min and 11 h 30 min after the previous attempt (30 min, 6 h and 12 h after the first)",
    delaysMs: [30 * MINUTE, 330 * MINUTE, 690 * MINUTE],
    afterLastFailure: "DOKU stops; retry the notification from the Back Office (Integration > HTTP Notification) or call the Check Status API",
    source: RETRIES,
  },
  docs: [
    { title: "SNAP signature (merchants verify notifications with the symmetric one)", url: "https://developers.doku.com/get-started-with-doku-api/signature-component/snap" },
    { title: "Symmetric signature", url: SYMMETRIC },
    { title: "Asymmetric signature", url: "https://developers.doku.com/get-started-with-doku-api/signature-component/snap/asymmetric-signature" },
    { title: "HTTP notification sample (SNAP)", url: "https://dashboard.doku.com/docs/docs/http-notification/http-notification-snap" },
    { title: "Retry notification", url: RETRIES },
  ],
} satisfies Provider;
