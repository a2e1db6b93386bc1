import { readBodyField, writeBodyField } from "../../src/primitives/body-field.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { getProvider } from "../../src/providers/index.js";

/**
 * The request with one signed value changed, the body still valid JSON (or a valid form): where a scheme
 * signs the body's bytes, the first letter of the first string value; where it signs fields, the
 * provider's amount field when the body has one (every field-signing provider here signs it), else `status`.
 * Undefined when the scheme signs nothing of the body (a static token): no body change can be detected.
 */
export function tamperSigned(request: WebhookRequest): WebhookRequest | undefined {
  const provider = getProvider(request.provider ?? "");
  const covers = provider.scheme.covers.body;
  if (covers === "none") return undefined;
  const amount = provider.probe?.amountField;
  const field = covers !== "fields" ? undefined : amount !== undefined && readBodyField(request, amount) !== undefined ? amount : "status";
  if (field !== undefined) {
    const value = readBodyField(request, field);
    if (value === undefined) throw new Error(`${request.fixture ?? "request"} has no ${field} to tamper with`);
    const changed = value.replace(/[0-9A-Za-z]/, (c) => (c === "9" ? "8" : c === "z" || c === "Z" ? "y" : String.fromCharCode(c.charCodeAt(0) + 1)));
    return { ...request, body: writeBodyField(request, field, changed) };
  }
  const text = request.body.toString("utf8");
  const at = text.search(/":"[A-Za-z0-9]/) + 3;
  if (at < 3) throw new Error(`${request.fixture ?? "request"} has no string value to tamper with`);
  const flipped = String.fromCharCode(text.charCodeAt(at) ^ 0x01);
  return { ...request, body: Buffer.from(text.slice(0, at) + flipped + text.slice(at + 1), "utf8") };
}
