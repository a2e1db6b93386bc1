import { WhkInputError } from "../primitives/errors.js";
import { harItems } from "./parse-har.js";
import { ndjsonItems, ndjsonRecord } from "./parse-ndjson.js";
import { looksLikeRawHttp, rawHttpItems } from "./parse-raw-http.js";
import { requestFromJson, utf8OrUndefined } from "../primitives/request-file.js";
import { readOrUnreadable, requireReadable, type SourcedItem, type SourcedRequest } from "./sourced-request.js";

/**
 * The requests in one input, whatever its format, told apart by content (the extension only settles
 * NDJSON with a single line): a request file, a JSON array of them, NDJSON, a HAR file, or raw HTTP.
 * Bodies stay bytes; nothing is re-encoded. Throws only WhkInputError, naming `source`.
 */
export function parseRequests(bytes: Buffer, source: string): SourcedRequest[] {
  return requireReadable(parseRequestItems(bytes, source));
}

/**
 * The same, one item per request: where an input holds several (NDJSON lines, HAR entries, a JSON
 * array, raw requests one after another), one that cannot be read is an unreadable item and the others
 * are still read. An input that cannot be read at all (empty, not UTF-8, not JSON) throws.
 */
export function parseRequestItems(bytes: Buffer, source: string): SourcedItem[] {
  const start = firstContent(bytes);
  if (start === bytes.length) {
    throw new WhkInputError("empty-input", `${source} is empty`, "capture the request again (whk listen, or whk show --json)");
  }
  if (looksLikeRawHttp(bytes, start)) return rawHttpItems(bytes.subarray(start), source);
  // JSON formats are UTF-8 text: a stray byte would otherwise be replaced with U+FFFD, silently changing
  // the very body whose signature is being checked.
  const text = utf8OrUndefined(bytes.subarray(start));
  if (text === undefined) {
    throw new WhkInputError("bad-utf8", `${source} is not valid UTF-8 text`, 'request files are JSON text; put a body that is not UTF-8 in "bodyBase64" (standard base64)');
  }
  if (/\.(nd)?jsonl?$/i.test(source) && !/\.json$/i.test(source)) return nonEmpty(ndjsonItems(text, source), source);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (looksLikeNdjson(text)) return nonEmpty(ndjsonItems(text, source), source);
    if (text[0] === "{" || text[0] === "[") {
      throw new WhkInputError("bad-json", `${source} is not valid JSON: ${(error as Error).message}`, "check the file with a JSON linter, or capture it again with `whk listen`");
    }
    throw new WhkInputError(
      "unknown-input",
      `${source} is not a request file, NDJSON, HAR or raw HTTP request (it starts with ${JSON.stringify(text.slice(0, 24))})`,
      'a request file is {"method","url","headers","body"}; raw HTTP starts with a line like "POST /path HTTP/1.1"',
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new WhkInputError("empty-input", `${source} is an empty JSON array`, "put request files in the array");
    return value.map((item, index) =>
      readOrUnreadable(`${source}[${index}]`, () => ({ source: `${source}[${index}]`, request: requestFromJson(item, `${source} item ${index}`), format: "request-file" as const })),
    );
  }
  if (value !== null && typeof value === "object" && "log" in value) return harItems(value, source);
  if (value !== null && typeof value === "object" && ("type" in value || "request" in value)) {
    const record = ndjsonRecord(value, source);
    return nonEmpty(record ? [{ source, request: requestFromJson(record, source), format: "ndjson" }] : [], source);
  }
  return [{ source, request: requestFromJson(value, source), format: "request-file" }];
}

/** Index of the first byte that is not whitespace or a UTF-8 byte-order mark. */
function firstContent(bytes: Uint8Array): number {
  let pos = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
  while (pos < bytes.length && (bytes[pos] === 0x20 || bytes[pos] === 0x09 || bytes[pos] === 0x0a || bytes[pos] === 0x0d)) pos++;
  return pos;
}

/** Several lines, the first of which is a whole JSON object on its own. */
function looksLikeNdjson(text: string): boolean {
  const newline = text.indexOf("\n");
  if (newline < 0 || text[0] !== "{") return false;
  try {
    const first: unknown = JSON.parse(text.slice(0, newline));
    return first !== null && typeof first === "object" && !Array.isArray(first);
  } catch {
    return false;
  }
}

function nonEmpty(requests: SourcedItem[], source: string): SourcedItem[] {
  if (requests.length === 0) {
    throw new WhkInputError("no-requests", `${source} holds no requests (only lines such as "ready" or "summary")`, "capture some requests with `whk listen --json` first");
  }
  return requests;
}
