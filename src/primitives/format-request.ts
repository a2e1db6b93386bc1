import { curlCommand } from "./curl-command.js";
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

export function formatRequest(request: WebhookRequest, format: RequestFormat): string {
  if (format === "json") return formatJson(request);
  if (format === "curl") return curlCommand(request);
  return formatHttp(request);
}
