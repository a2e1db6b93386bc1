import { WhkInputError } from "./errors.js";
import { toRequestFile, utf8OrUndefined } from "./request-file.js";
import type { WebhookRequest } from "./webhook-request.js";

export type RequestFormat = "http" | "json" | "curl";

/** The request as an HTTP message: request line, headers, a blank line, the body. */
export function formatHttp(request: WebhookRequest): string {
  const lines = [`${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  const text = utf8OrUndefined(request.body);
  const body = text ?? `<${request.body.length} bytes, not UTF-8; base64: ${request.body.toString("base64")}>`;
  return `${lines.join("\n")}\n\n${body}\n`;
}

/** The request file format, pretty-printed (the body stays one exact string inside it). */
export function formatJson(request: WebhookRequest): string {
  return `${JSON.stringify(toRequestFile(request), null, 2)}\n`;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A runnable curl command that sends the same bytes with the same headers. */
export function formatCurl(request: WebhookRequest): string {
  const text = utf8OrUndefined(request.body);
  if (text === undefined) {
    throw new WhkInputError("binary-body", "this body is not UTF-8, so it cannot be written into a curl command", "use --format json and send the saved file with `whk send`");
  }
  const parts = [`curl -sS -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) parts.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  parts.push(`  --data-binary ${shellQuote(text)}`);
  return `${parts.join(" \\\n")}\n`;
}

export function formatRequest(request: WebhookRequest, format: RequestFormat): string {
  if (format === "json") return formatJson(request);
  if (format === "curl") return formatCurl(request);
  return formatHttp(request);
}
