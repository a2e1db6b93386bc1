import { readBodyField, removeBodyField } from "../primitives/body-field.js";
import { formField, isFormRequest, writeFormField } from "../primitives/form-body.js";
import { withoutHeader } from "../primitives/headers.js";
import { parseJsonPath, readJsonText, writeJsonText } from "../primitives/json-text.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { schemeFor, type SignatureScheme } from "../schemes/scheme.js";

/** Changes the first character of the body's `status` value (a field every signed scheme covers). */
export function tamper(request: WebhookRequest): WebhookRequest {
  const text = request.body.toString("utf8");
  const at = text.indexOf('"status":"');
  if (at < 0) return { ...request, body: Buffer.concat([request.body, Buffer.from(" ")]) };
  const index = at + '"status":"'.length;
  const flipped = String.fromCharCode(text.charCodeAt(index) ^ 0x01);
  return { ...request, body: Buffer.from(text.slice(0, index) + flipped + text.slice(index + 1), "utf8") };
}

/** The request with its signature taken out: the header dropped, or the body field removed. */
export function withoutSignature(scheme: SignatureScheme, request: WebhookRequest): WebhookRequest {
  const where = schemeFor(scheme, request).signatureIn;
  if (where === undefined) return request;
  if ("bodyField" in where) return { ...request, body: removeBodyField(request, where.bodyField) };
  return { ...request, headers: withoutHeader(request.headers, where.header) };
}

/**
 * The signed request with its amount cut to a hundredth (at least 1), the signature left as it was: what
 * an attacker replaying a genuine field-signed notification would change. Undefined when the body has
 * no such field. A number stays a number; the body's other bytes stay as they were.
 */
export function changedAmount(request: WebhookRequest, field: string): WebhookRequest | undefined {
  const text = request.body.toString("utf8");
  const value = readBodyField(request, field);
  if (value === undefined) return undefined;
  const cheaper = String(Math.max(1, Math.floor(Number(value || 0) / 100)));
  if (isFormRequest(request.headers)) return formField(text, field) === undefined ? undefined : { ...request, body: Buffer.from(writeFormField(text, field, cheaper), "utf8") };
  const path = parseJsonPath(field);
  const quoted = readJsonText(text, path)?.startsWith('"') === true;
  return { ...request, body: Buffer.from(writeJsonText(text, path, quoted ? JSON.stringify(cheaper) : cheaper), "utf8") };
}
