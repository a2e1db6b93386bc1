import { readBodyField, removeBodyField } from "../primitives/body-field.js";
import { formField, isFormRequest, writeFormField } from "../primitives/form-body.js";
import { withoutHeader } from "../primitives/headers.js";
import { parseJsonPath, readJsonText, writeJsonText } from "../primitives/json-text.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { schemeFor, type SignatureScheme } from "../schemes/scheme.js";

/**
 * Changes one character of a value the signature covers: the `status` value first, else the first
 * string value (JSON) or field value (form) whose change alters what the scheme signs (its preimage),
 * so a scheme that signs only some fields, or a token inside the body, is tampered where it counts.
 */
export function tamper(scheme: SignatureScheme, request: WebhookRequest): WebhookRequest {
  const text = request.body.toString("utf8");
  const signed = schemeFor(scheme, request).preimage?.(request);
  for (const index of valueStarts(text, isFormRequest(request.headers))) {
    const flipped = String.fromCharCode(text.charCodeAt(index) ^ 0x01);
    const candidate = { ...request, body: Buffer.from(text.slice(0, index) + flipped + text.slice(index + 1), "utf8") };
    if (signed === undefined || schemeFor(scheme, candidate).preimage?.(candidate) !== signed) return candidate;
  }
  return { ...request, body: Buffer.concat([request.body, Buffer.from(" ")]) };
}

/** Where values start in the body text: `status` first, then every string value (JSON) or field value (form), in order. */
function valueStarts(text: string, form: boolean): number[] {
  const starts: number[] = [];
  const status = text.indexOf('"status":"');
  if (status >= 0) starts.push(status + '"status":"'.length);
  const pattern = form ? /(?:^|&)[^=&]*=(?=[^&])/g : /"(?:[^"\\]|\\.)*"\s*:\s*"(?=[^"\\])/g;
  for (const match of text.matchAll(pattern)) starts.push((match.index ?? 0) + match[0].length);
  return starts;
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
