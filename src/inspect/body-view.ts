import { bodyKindOf } from "../primitives/body-text.js";
import { formFields } from "../primitives/form-body.js";
import { utf8OrUndefined } from "../primitives/request-file.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { relayoutJson } from "../primitives/json-rewrites.js";

/**
 * A body as the page shows it: the raw text, and a pretty form beside it. JSON is laid out again with
 * every string and number token kept verbatim (`10.50` stays `10.50`: the pretty view must not hide
 * the very spelling a signature covers); a form body is listed field by field, decoded.
 */
export type BodyView =
  | { kind: "empty" }
  | { kind: "binary"; size: number; base64: string }
  | { kind: "text"; text: string }
  | { kind: "json"; text: string; pretty: string }
  | { kind: "form"; text: string; fields: [string, string][] };

export function bodyView(request: Pick<WebhookRequest, "headers" | "body">): BodyView {
  if (request.body.length === 0) return { kind: "empty" };
  const text = utf8OrUndefined(request.body);
  if (text === undefined) return { kind: "binary", size: request.body.length, base64: request.body.toString("base64") };
  if (bodyKindOf(request.headers) === "form") return { kind: "form", text, fields: formFields(text).map((field) => [field.name, field.value]) };
  if (isJson(text)) return { kind: "json", text, pretty: relayoutJson(text, "  ") };
  return { kind: "text", text };
}

/** The lines a body is compared by: pretty JSON, one `name=value` per form field, else its own lines. */
export function bodyLines(view: BodyView): string[] {
  switch (view.kind) {
    case "empty":
      return [];
    case "binary":
      return [`<${view.size} bytes, not UTF-8>`, view.base64];
    case "json":
      return view.pretty.split("\n");
    case "form":
      return view.fields.map(([name, value]) => `${name}=${value}`);
    case "text":
      return view.text.split("\n");
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
