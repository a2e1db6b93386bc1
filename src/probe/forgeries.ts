import { readBodyField, removeBodyField, writeBodyField } from "../primitives/body-field.js";
import { formField, isFormRequest, writeFormField } from "../primitives/form-body.js";
import { withoutHeader } from "../primitives/headers.js";
import { parseJsonPath, readJsonText, writeJsonText } from "../primitives/json-text.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { SignatureScheme } from "../schemes/scheme.js";

/**
 * The signed request with one signed thing changed and the signature kept: for a scheme that signs
 * body fields, a signed field (its `status` when it signs one); otherwise the first character of the
 * body's `status` value, or else of its first string value (the body stays valid JSON), or a byte added
 * to the body. Whether the change is one the signature covers is for the caller to check.
 */
export function tamper(scheme: SignatureScheme, request: WebhookRequest): WebhookRequest {
  const fields = scheme.covers.body === "fields" ? (scheme.signedFields?.(request) ?? []) : [];
  const field = fields.includes("status") ? "status" : fields.find((name) => (readBodyField(request, name) ?? "") !== "");
  if (field !== undefined && field !== "status") {
    const value = readBodyField(request, field) ?? "";
    const changed = value.slice(0, -1) + String.fromCharCode(value.charCodeAt(value.length - 1) ^ 0x01);
    return { ...request, body: writeBodyField(request, field, changed) };
  }
  const text = request.body.toString("utf8");
  const status = text.indexOf('"status":"');
  const index = status >= 0 ? status + '"status":"'.length : text.search(/":"[^"\\]/) + 3;
  if (index < 3) return { ...request, body: Buffer.concat([request.body, Buffer.from(" ")]) };
  const flipped = String.fromCharCode(text.charCodeAt(index) ^ 0x01);
  return { ...request, body: Buffer.from(text.slice(0, index) + flipped + text.slice(index + 1), "utf8") };
}

/** The request with its signature taken out: the header dropped, or the body field removed. */
export function withoutSignature(scheme: SignatureScheme, request: WebhookRequest): WebhookRequest {
  const where = scheme.signatureIn;
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
