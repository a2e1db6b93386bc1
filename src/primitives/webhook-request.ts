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
