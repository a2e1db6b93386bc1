import { bodyKindOf, readFieldJson, writeFieldJson } from "./body-text.js";
import { withoutFormField } from "./form-body.js";
import { parseJsonPath, readJsonText, writeJsonText } from "./json-text.js";
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

/** The body without the field: for a forgery that drops the signature. A dotted path names a nested JSON member. */
export function removeBodyField(request: WebhookRequest, name: string): Buffer {
  const text = request.body.toString("utf8");
  if (bodyKindOf(request.headers) === "form") return Buffer.from(withoutFormField(text, name), "utf8");
  const path = parseJsonPath(name);
  if (path.length === 1) return Buffer.from(withoutMember(text, name), "utf8");
  // A nested member: removed from its parent object's text, which is then written back in place.
  const parentPath = path.slice(0, -1);
  const parent = readJsonText(text, parentPath);
  if (parent === undefined) return request.body;
  return Buffer.from(writeJsonText(text, parentPath, withoutMember(parent, String(path[path.length - 1]))), "utf8");
}

/** An object's text without its member `name` (and that member's comma): the text is edited, not re-serialised. */
function withoutMember(objectText: string, name: string): string {
  const pattern = new RegExp(`,?\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}\\]]*)`);
  return objectText.replace(pattern, "").replace(/^\{\s*,/, "{");
}
