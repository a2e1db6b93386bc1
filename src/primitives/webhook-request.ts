import type { Headers } from "./headers.js";

/** One HTTP request as it travels on the wire: the body is bytes, never a parsed object. */
export interface WebhookRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Buffer;
  /** When a receiver got it (ISO 8601): what timestamp checks are judged against. */
  receivedAt?: string;
  provider?: string;
  fixture?: string;
}

/** The path plus query of a URL, verbatim, as Topremit's string-to-sign wants it. */
export function relativeUrl(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  const rest = match ? match[1] ?? "" : url.replace(/#.*$/, "");
  if (rest === "") return "/";
  return rest.startsWith("?") ? `/${rest}` : rest;
}
