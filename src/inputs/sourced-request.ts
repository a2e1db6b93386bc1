import { isWhkInputError, type WhkInputError } from "../primitives/errors.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/**
 * The kind of input a request came from. HAR files and raw HTTP dumps are recordings of traffic, which
 * may hold requests that are no webhook at all (a page's own GET); request files and NDJSON hold what a
 * receiver or whk itself wrote down as webhooks.
 */
export type InputFormat = "request-file" | "ndjson" | "har" | "raw-http";

/** One request read from an input, with where it came from: `capture.json`, `log.ndjson:3`, `x.har#2`. */
export interface SourcedRequest {
  source: string;
  request: WebhookRequest;
  format: InputFormat;
}

/** A request of an input that could not be read (a bad NDJSON line, a truncated raw request), and why. */
export interface UnreadableRequest {
  source: string;
  error: WhkInputError;
}

/** What reading an input leniently gives, one per request: the request, or why it could not be read. */
export type SourcedItem = SourcedRequest | UnreadableRequest;

export const isUnreadable = (item: SourcedItem): item is UnreadableRequest => "error" in item;

/** The requests of items read strictly: the first that could not be read is thrown. */
export function requireReadable(items: readonly SourcedItem[]): SourcedRequest[] {
  const bad = items.find(isUnreadable);
  if (bad) throw bad.error;
  return items as SourcedRequest[];
}

/** Runs `read`, turning an input error into an unreadable item (other errors are bugs, and propagate). */
export function readOrUnreadable<T>(source: string, read: () => T): T | UnreadableRequest {
  try {
    return read();
  } catch (error) {
    if (isWhkInputError(error)) return { source, error };
    throw error;
  }
}
