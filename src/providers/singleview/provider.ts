import { unsigned } from "../../schemes/unsigned.js";
import { jsonStatusOk } from "../acknowledgements.js";
import type { Provider } from "../provider.js";

const HOUR = 3_600_000;

/**
 * SingleView (https://docs.onesingleview.com, payment webhook). No signature or authentication is
 * documented for webhooks: the `signature` headers in its docs are for requests sent *to* SingleView.
 * The receiver must answer JSON {"status":"OK"}; otherwise it retries once an hour, 3 attempts at most,
 * then discards the event, and deactivates the webhook after three or more discarded events.
 */
export const singleview = {
  name: "singleview",
  displayName: "SingleView",
  region: "Saudi Arabia and the GCC, ERP banking",
  scheme: unsigned("SingleView documents no webhook signature: a receiver cannot tell a forgery from the real thing"),
  prepareHeaders: () => ({ "Content-Type": "application/json" }),
  detect(_request, json) {
    const service = json !== null && typeof json === "object" ? (json as Record<string, unknown>)["service"] : undefined;
    return typeof service === "string" && service.startsWith("svWebHook") ? `body "service": "${service}"` : undefined;
  },
  ack: jsonStatusOk(),
  retry: {
    documented: true,
    // "will continue trying ... once every hour for a maximum of 3 attempts": read as 3 retries after the
    // failed first delivery, an hour apart.
    summary: "retried once an hour, at most 3 retries",
    delaysMs: [HOUR, HOUR, HOUR],
    afterLastFailure: "it discards the event, and three or more discarded events deactivate the webhook",
    source: "https://docs.onesingleview.com",
  },
  docs: [
    { title: "ERP integration API: payment webhook", url: "https://docs.onesingleview.com/v1.0.4/docs/erp-integration-api-payment-webhook" },
    { title: "ERP integration API: payroll webhook", url: "https://docs.onesingleview.com/v1.0.4/docs/erp-integration-api-payroll-webhook" },
  ],
} satisfies Provider;
