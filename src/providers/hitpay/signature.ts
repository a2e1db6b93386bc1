import { isFormRequest } from "../../primitives/form-body.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { SignatureScheme } from "../../schemes/scheme.js";
import { sortedFieldsScheme } from "../../schemes/sorted-fields/sorted-fields-scheme.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";

/**
 * HitPay signs two kinds of webhooks two ways, both with the salt (https://docs.hitpayapp.com/docs/webhooks,
 * /docs/events):
 * - v1, the payment request's `webhook`: a form whose `hmac` field is hex HMAC-SHA256 of every other
 *   field as `key+value`, ordered by key (the docs' PHP `generateSignatureArray`: `ksort`, `implode("")`),
 *   empty values kept;
 * - v2 event webhooks: JSON, `Hitpay-Signature` = hex HMAC-SHA256 of the raw body.
 * One provider (users know one HitPay, and one salt signs both): the body's kind picks the scheme.
 */
const formCallback = sortedFieldsScheme({ signatureField: "hmac", order: "key", separator: "" });
const eventWebhook = templateScheme({ algorithm: "hmac-sha256", header: "Hitpay-Signature" });

const schemeOf = (request: WebhookRequest): SignatureScheme => (isFormRequest(request.headers) ? formCallback : eventWebhook);

export const hitpaySignature: SignatureScheme = {
  id: "hitpay-form-or-event",
  summary: `v1 form: ${formCallback.summary}; v2 events: ${eventWebhook.summary}`,
  needsSecret: true,
  signatureIn: { header: "Hitpay-Signature" },
  // What both kinds cover at least; `forRequest` says what one request's signature covers.
  covers: { body: "fields", timestamp: false, path: false },
  forRequest: schemeOf,
  sign: (request, context) => schemeOf(request).sign(request, context),
  verify: (request, secret, context) => schemeOf(request).verify(request, secret, context),
  preimage: (request) => schemeOf(request).preimage?.(request),
  facts: (request) => schemeOf(request).facts?.(request),
  variants: (request) => schemeOf(request).variants?.(request) ?? [],
  noMatchEvidence: (request) => schemeOf(request).noMatchEvidence?.(request) ?? [],
};
