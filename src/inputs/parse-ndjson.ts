import { WhkInputError } from "../primitives/errors.js";
import { requestFromJson } from "../primitives/request-file.js";
import { readOrUnreadable, requireReadable, type SourcedItem, type SourcedRequest } from "./sourced-request.js";

/**
 * One JSON object per line, as `whk listen --json` writes them. A line is a request file, possibly with
 * extra fields (`"type":"request"`, a verdict) or with the request nested under `"request"`. Lines whose
 * `"type"` is anything but "request" (`ready`, `summary` ...) are skipped, as are blank lines.
 * Throws on the first line that is not a request; `ndjsonItems` reads past it.
 */
export function parseNdjson(text: string, source: string): SourcedRequest[] {
  return requireReadable(ndjsonItems(text, source));
}

/** The same, one item per request line: a line that is not valid (cut short, not an object) is an unreadable item and the next lines are still read. */
export function ndjsonItems(text: string, source: string): SourcedItem[] {
  const items: SourcedItem[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const where = `${source} line ${index + 1}`;
    const item = readOrUnreadable(`${source}:${index + 1}`, (): SourcedRequest | undefined => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new WhkInputError("bad-json", `${where} is not valid JSON: ${(error as Error).message}`, "each line of an NDJSON file must be one JSON object");
      }
      const record = ndjsonRecord(value, where);
      return record ? { source: `${source}:${index + 1}`, request: requestFromJson(record, where), format: "ndjson" } : undefined;
    });
    // Lines that are not requests (ready, summary) are no item at all.
    if (item !== undefined) items.push(item);
  }
  return items;
}

/** The request-file part of one NDJSON record, or undefined for a record that is not a request. */
export function ndjsonRecord(value: unknown, where: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new WhkInputError("bad-request-file", `${where} is not a JSON object`, "each line of an NDJSON file must be one request object");
  }
  const record = value as Record<string, unknown>;
  if ("type" in record && record["type"] !== "request") return undefined;
  const nested = record["request"];
  if (!("method" in record) && nested !== null && typeof nested === "object" && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    return "receivedAt" in inner || record["receivedAt"] === undefined ? inner : { ...inner, receivedAt: record["receivedAt"] };
  }
  return record;
}
