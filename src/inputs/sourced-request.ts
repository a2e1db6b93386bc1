import type { WebhookRequest } from "../primitives/webhook-request.js";

/** One request read from an input, with where it came from: `capture.json`, `log.ndjson:3`, `x.har#2`. */
export interface SourcedRequest {
  source: string;
  request: WebhookRequest;
}
