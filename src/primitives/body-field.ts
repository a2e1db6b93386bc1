import { bodyKindOf, readFieldJson, writeFieldJson } from "./body-text.js";
import { withoutFormField } from "./form-body.js";
import type { WebhookRequest } from "./webhook-request.js";

/**
 * One field of a request body, JSON or form, read and written in place. JSON fields are named by a
 * dotted path (`data.attributes.amount`), form fields by their name. Values are what a signature over
 * fields covers: a JSON string's characters, any other JSON value's text as written (`100.50` stays
 * `100.50`), a form field's decoded value.
 */

/** The field's value, or undefined when the body has no such field (or is neither JSON nor a form). */
export function readBodyField(request: WebhookRequest, name: string): string | undefined {
  const text = request.body.toString("utf8");
  let raw: string | undefined;
  try {
    raw = readFieldJson(bodyKindOf(request.headers), text, name);
  } catch {
    return undefined; // not JSON: no fields to read
  }
  if (raw === undefined) return undefined;
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  return raw === "null" ? "" : raw;
}

/** The body with the field set to `value` (a string), every other byte kept. Throws WhkInputError for a body that is not JSON. */
export function writeBodyField(request: WebhookRequest, name: string, value: string): Buffer {
  const text = request.body.toString("utf8");
  return Buffer.from(writeFieldJson(bodyKindOf(request.headers), text, name, JSON.stringify(value)), "utf8");
}

/** The body without the field: for a forgery that drops the signature. */
export function removeBodyField(request: WebhookRequest, name: string): Buffer {
  const text = request.body.toString("utf8");
  if (bodyKindOf(request.headers) === "form") return Buffer.from(withoutFormField(text, name), "utf8");
  // A top-level JSON member with its comma: the text is edited, not re-serialised.
  const pattern = new RegExp(`,?\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}\\]]*)`);
  return Buffer.from(text.replace(pattern, "").replace(/^\{\s*,/, "{"), "utf8");
}
