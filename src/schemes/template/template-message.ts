import { readBodyField } from "../../primitives/body-field.js";
import { getHeader } from "../../primitives/headers.js";
import { digest } from "../../primitives/hmac.js";
import { relativeUrl } from "../../primitives/url-parts.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { MessagePart } from "./signature-template.js";

/** The text of one placeholder for a request (the body and the secret aside). */
function partText(part: MessagePart, request: WebhookRequest, timestamp: string | undefined, path?: string): string {
  switch (part.kind) {
    case "text":
      return part.text;
    case "timestamp":
      return timestamp ?? "";
    case "method":
      return request.method.toUpperCase();
    case "path":
      return path ?? relativeUrl(request.url);
    case "header":
      return getHeader(request.headers, part.name) ?? "";
    case "field":
      return readBodyField(request, part.name) ?? "";
    case "body":
      return part.digest === undefined ? request.body.toString("utf8") : digest("sha256", request.body).toString(part.digest === "sha256-hex" ? "hex" : "base64");
    case "secret":
      return "{secret}";
  }
}

/**
 * The exact bytes signed: the body stays bytes (it need not be UTF-8), everything else is UTF-8 text.
 * `secret` fills `{secret}` (plain digests put the key in the message); `path`, when given, replaces the
 * request's own path and query (explain asks what a signer that used another path would have signed).
 */
export function renderMessage(parts: readonly MessagePart[], request: WebhookRequest, timestamp: string | undefined, secret: string, path?: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.kind === "body" && part.digest === undefined) chunks.push(request.body);
    else chunks.push(Buffer.from(part.kind === "secret" ? secret : partText(part, request, timestamp, path), "utf8"));
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** The message for people: the same text, with `{secret}` where the secret goes (it is never printed). */
export function describeMessage(parts: readonly MessagePart[], request: WebhookRequest, timestamp: string | undefined): string {
  return parts.map((part) => partText(part, request, timestamp)).join("");
}
