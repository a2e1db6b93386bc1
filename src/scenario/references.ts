import { WhkInputError } from "../primitives/errors.js";
import { isJsonObject } from "../primitives/json-object.js";

/**
 * References between a scenario's steps: `${steps.<step>.body.<dotted.path>}` (a body field, JSON or
 * form, as the earlier step rendered it) and `${steps.<step>.headers.<Header-Name>}` (a header it
 * carries before signing). `$${` writes a literal `${`.
 */
export interface Reference {
  /** As written: `${steps.paid.body.order_id}`. */
  text: string;
  step: string;
  part: "body" | "headers";
  path: string;
}

export type TemplatePart = { literal: string } | { reference: Reference };

const REFERENCE = /^steps\.([a-z0-9][a-z0-9_-]*)\.(body|headers)\.(\S+)$/;
const HINT = "write ${steps.<step>.body.<path>} or ${steps.<step>.headers.<name>}, naming an earlier step (README, \"Scenarios\")";

/** Splits a string into literal text and references; an input error for a `${` that is not one. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf("${", at);
    if (open < 0) {
      literal += text.slice(at);
      break;
    }
    if (open > at && text[open - 1] === "$") {
      literal += `${text.slice(at, open - 1)}\${`;
      at = open + 2;
      continue;
    }
    literal += text.slice(at, open);
    const close = text.indexOf("}", open);
    if (close < 0) throw new WhkInputError("bad-reference", `"${text.slice(open)}" opens a reference and never closes it`, HINT);
    const inner = text.slice(open + 2, close);
    const match = REFERENCE.exec(inner);
    if (!match) throw new WhkInputError("bad-reference", `"\${${inner}}" is not a reference`, HINT);
    if (literal !== "") parts.push({ literal });
    literal = "";
    parts.push({ reference: { text: `\${${inner}}`, step: match[1] as string, part: match[2] as "body" | "headers", path: match[3] as string } });
    at = close + 1;
  }
  if (literal !== "" || parts.length === 0) parts.push({ literal });
  return parts;
}

/** Every string inside a JSON value, with where it sits (`set.order_id`, `set.items.0.sku`). */
export function stringsIn(value: unknown, at: string): { at: string; text: string }[] {
  if (typeof value === "string") return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${at}.${index}`));
  if (isJsonObject(value)) return Object.entries(value).flatMap(([key, item]) => stringsIn(item, `${at}.${key}`));
  return [];
}

/** What a reference is worth: the JSON text of the value it names (`"abc"`, `100.50`, `{...}`). */
export type Lookup = (reference: Reference) => string;

/** A referenced value as text, for splicing into a longer string: a string's characters, a number's spelling. */
function asText(json: string, reference: Reference): string {
  if (json.startsWith('"')) return JSON.parse(json) as string;
  if (json.startsWith("{") || json.startsWith("[")) {
    throw new WhkInputError("bad-reference", `${reference.text} names an object or array, which cannot be spliced into text`, "make the reference the whole string to copy the value itself");
  }
  return json === "null" ? "" : json;
}

/** A string's value as JSON text, its references resolved: one whole reference keeps the value's type. */
function resolveString(text: string, lookup: Lookup): string {
  const parts = parseTemplate(text);
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && "reference" in only) return lookup(only.reference);
  return JSON.stringify(parts.map((part) => ("literal" in part ? part.literal : asText(lookup(part.reference), part.reference))).join(""));
}

/**
 * A `set` value as JSON text with every reference resolved. Built as text, not re-serialised, so a
 * referenced number keeps its exact spelling (`100.50`, an id past 2^53).
 */
export function resolveJson(value: unknown, lookup: Lookup): string {
  if (typeof value === "string") return resolveString(value, lookup);
  if (Array.isArray(value)) return `[${value.map((item) => resolveJson(item, lookup)).join(",")}]`;
  if (isJsonObject(value)) return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${resolveJson(item, lookup)}`).join(",")}}`;
  return JSON.stringify(value);
}

/** A header value with every reference resolved to text. */
export function resolveText(text: string, lookup: Lookup): string {
  return parseTemplate(text)
    .map((part) => ("literal" in part ? part.literal : asText(lookup(part.reference), part.reference)))
    .join("");
}
