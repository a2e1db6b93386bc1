import type { Headers } from "../headers.js";
import { requestFromJson } from "../request-file.js";
import type { WebhookRequest } from "../webhook-request.js";

/**
 * A parsed request file as a request. The common shape (string fields, string headers, a UTF-8 `body`)
 * is read directly, which keeps `whk verify <dir>` over thousands of files fast; anything else goes
 * through `requestFromJson`, the one validator, so every error message and edge case stays its own.
 */
export function requestFromValue(value: unknown, source: string): WebhookRequest {
  return plainRequest(value) ?? requestFromJson(value, source);
}

function plainRequest(value: unknown): WebhookRequest | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { method, url, headers, body, bodyBase64, receivedAt, provider, fixture } = value as Record<string, unknown>;
  if (typeof method !== "string" || method === "" || typeof url !== "string" || url === "") return undefined;
  if (typeof body !== "string" || bodyBase64 !== undefined) return undefined;
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) return undefined;
  if (receivedAt !== undefined && (typeof receivedAt !== "string" || Number.isNaN(Date.parse(receivedAt)))) return undefined;
  if ((provider !== undefined && typeof provider !== "string") || (fixture !== undefined && typeof fixture !== "string")) return undefined;
  const copy: Headers = {};
  for (const [name, text] of Object.entries(headers)) {
    if (typeof text !== "string") return undefined;
    copy[name] = text;
  }
  const request: WebhookRequest = { method: method.toUpperCase(), url, headers: copy, body: Buffer.from(body, "utf8") };
  if (receivedAt !== undefined) request.receivedAt = receivedAt;
  if (provider !== undefined) request.provider = provider;
  if (fixture !== undefined) request.fixture = fixture;
  return request;
}
