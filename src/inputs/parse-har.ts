import { WhkInputError } from "../primitives/errors.js";
import { base64Bytes, utf8Bytes } from "../primitives/body-bytes.js";
import { headersFromPairs, type Headers } from "../primitives/headers.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { readOrUnreadable, requireReadable, type SourcedItem, type SourcedRequest } from "./sourced-request.js";

/**
 * Every entry's request of a HAR file (http://www.softwareishard.com/blog/har-12-spec/): method, url,
 * headers, postData.text (base64-decoded when postData.encoding says so). An entry without postData has
 * an empty body. HTTP/2 pseudo-headers (`:authority` ...) are dropped; repeated headers are joined.
 * Throws on the first entry that cannot be read; `harItems` reads past it.
 */
export function parseHar(value: unknown, source: string): SourcedRequest[] {
  return requireReadable(harItems(value, source));
}

/** The same, one item per entry: an entry that cannot be read is an unreadable item, and the other entries are still read. */
export function harItems(value: unknown, source: string): SourcedItem[] {
  const log = objectOr(value)?.["log"];
  const entries = objectOr(log)?.["entries"];
  if (!Array.isArray(entries)) throw harError(source, 'has no "log.entries" array');
  if (entries.length === 0) throw harError(source, "has no entries");
  return entries.map((entry, index) =>
    readOrUnreadable(`${source}#${index + 1}`, () => ({ source: `${source}#${index + 1}`, request: harRequest(entry, `${source} entry ${index + 1}`), format: "har" as const })),
  );
}

function harRequest(entry: unknown, where: string): WebhookRequest {
  const request = objectOr(objectOr(entry)?.["request"]);
  if (!request) throw harError(where, 'has no "request" object');
  const { method, url } = request;
  if (typeof method !== "string" || method === "") throw harError(where, 'has no "request.method"');
  if (typeof url !== "string" || url === "") throw harError(where, 'has no "request.url"');
  const result: WebhookRequest = { method: method.toUpperCase(), url, headers: harHeaders(request["headers"], where), body: harBody(request["postData"], where) };
  const started = objectOr(entry)?.["startedDateTime"];
  if (typeof started === "string" && !Number.isNaN(Date.parse(started))) result.receivedAt = started;
  return result;
}

function harHeaders(value: unknown, where: string): Headers {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw harError(where, 'has a "request.headers" that is not an array');
  const pairs: [string, string][] = [];
  for (const header of value) {
    const name = objectOr(header)?.["name"];
    const text = objectOr(header)?.["value"];
    if (typeof name !== "string" || typeof text !== "string") throw harError(where, "has a header without a string name and value");
    if (!name.startsWith(":")) pairs.push([name, text]);
  }
  return headersFromPairs(pairs);
}

function harBody(value: unknown, where: string): Buffer {
  if (value === undefined) return Buffer.alloc(0);
  const postData = objectOr(value);
  const text = postData?.["text"];
  if (!postData || (text !== undefined && typeof text !== "string")) throw harError(where, 'has a "postData" without a string "text"');
  if (text === undefined) return Buffer.alloc(0);
  const base64 = postData["encoding"] === "base64";
  const bytes = base64 ? base64Bytes(text) : utf8Bytes(text);
  if (bytes !== undefined) return bytes;
  throw base64
    ? new WhkInputError("bad-har", `${where} has a "postData.text" that is not valid base64 (its "encoding" says base64)`, "export the HAR again, or give the body as a request file with \"bodyBase64\"")
    : new WhkInputError("bad-har", `${where} has a "postData.text" with a lone surrogate, which no bytes received can be`, 'give the raw bytes base64-encoded, with "encoding": "base64" (or as a request file with "bodyBase64")');
}

function objectOr(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function harError(where: string, what: string): WhkInputError {
  return new WhkInputError("bad-har", `${where} ${what}`, "export the HAR again from your browser or proxy (HAR 1.2)");
}
