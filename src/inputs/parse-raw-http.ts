import { WhkInputError } from "../primitives/errors.js";
import { getHeader, headersFromPairs, type Headers } from "../primitives/headers.js";
import { isAbsoluteUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { requireReadable, type SourcedItem, type SourcedRequest } from "./sourced-request.js";

/**
 * Raw HTTP/1.x requests as `nc -l` or a proxy dump captures them (and as `whk show` prints them):
 * request line, headers, a blank line, the body. Lines in the head may end in CRLF or a bare LF. The body is delimited by chunked
 * transfer-encoding, else Content-Length, else it is the rest of the data; its bytes are kept exactly.
 * Several length-delimited requests may follow one another; a response after them is ignored.
 */
// The version is optional: `whk show` prints "POST http://host/path" with none (see parseOne).
const REQUEST_LINE = /^([A-Z][A-Z0-9_-]*) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/;
const LF = 0x0a;

/** Whether data (from `start`) opens with an HTTP request line. */
export function looksLikeRawHttp(bytes: Uint8Array, start = 0): boolean {
  // Cheap first: a method starts with an upper-case letter, and JSON never does.
  const first = bytes[start];
  if (first === undefined || first < 0x41 || first > 0x5a) return false;
  const line = readLine(bytes, start, Math.min(bytes.length, start + 8192));
  return line !== undefined && REQUEST_LINE.test(line.text);
}

export function parseRawHttp(bytes: Buffer, source: string): SourcedRequest[] {
  return requireReadable(rawHttpItems(bytes, source));
}

/**
 * The same, one item per request: a request that cannot be read (cut short, a bad chunk) is an
 * unreadable item after the ones before it, and the rest of the data, which cannot be told apart from
 * it any more, is not read. A first request that cannot be read is thrown: the input is unreadable.
 */
export function rawHttpItems(bytes: Buffer, source: string): SourcedItem[] {
  const requests: WebhookRequest[] = [];
  let failure: WhkInputError | undefined;
  let pos = skipNewlines(bytes, 0);
  while (pos < bytes.length) {
    const where = requests.length === 0 ? source : `${source} request ${requests.length + 1}`;
    let parsed: { request: WebhookRequest; end: number };
    try {
      parsed = parseOne(bytes, pos, where);
    } catch (error) {
      if (requests.length === 0 || !(error instanceof WhkInputError)) throw error;
      failure = error;
      break;
    }
    requests.push(parsed.request);
    pos = skipNewlines(bytes, parsed.end);
    if (pos >= bytes.length || looksLikeRawHttp(bytes, pos)) continue;
    if (bytes.subarray(pos, pos + 5).toString("latin1") === "HTTP/") break;
    failure = rawError(where, `has ${bytes.length - pos} unexpected bytes after its body`, "check Content-Length, or keep one request per file");
    if (requests.length === 1) throw failure;
    break;
  }
  const several = requests.length > 1 || failure !== undefined;
  const items: SourcedItem[] = requests.map((request, index) => ({ source: several ? `${source}#${index + 1}` : source, request, format: "raw-http" }));
  if (failure) items.push({ source: `${source}#${requests.length + 1}`, error: failure });
  return items;
}

function parseOne(bytes: Buffer, start: number, where: string): { request: WebhookRequest; end: number } {
  const first = readLine(bytes, start, bytes.length);
  const match = first ? REQUEST_LINE.exec(first.text) : null;
  if (!first || !match) throw rawError(where, "does not start with an HTTP request line", 'the first line must look like "POST /path HTTP/1.1"');
  const pairs: [string, string][] = [];
  let pos = first.next;
  for (;;) {
    const line = readLine(bytes, pos, bytes.length);
    if (!line || line.next === bytes.length && line.text !== "" && !line.terminated) {
      throw rawError(where, "has no blank line after its headers", "the headers end with an empty line, then the body follows");
    }
    pos = line.next;
    if (line.text === "") break;
    const previous = pairs[pairs.length - 1];
    if (/^[ \t]/.test(line.text) && previous !== undefined) {
      // obs-fold (RFC 9112 section 5.2): a continuation line belongs to the field above it.
      previous[1] = `${previous[1]} ${line.text.trim()}`;
      continue;
    }
    const colon = line.text.indexOf(":");
    if (colon <= 0) throw rawError(where, `has a header line without a name and colon: "${line.text.slice(0, 60)}"`, 'each header line is "Name: value"');
    pairs.push([line.text.slice(0, colon).trim(), line.text.slice(colon + 1).trim()]);
  }
  const headers = headersFromPairs(pairs);
  const read = readBody(bytes, pos, headers, where);
  // A request line without an HTTP version is `whk show`'s own format, which ends the body with one
  // newline for the terminal: that newline is not part of the body it shows.
  const shown = match[0].endsWith(match[2] as string) && read.end === bytes.length && read.body.at(-1) === LF;
  const body = shown ? read.body.subarray(0, -1) : read.body;
  const request: WebhookRequest = { method: match[1] as string, url: urlOf(match[2] as string, headers), headers, body };
  const end = read.end;
  return { request, end };
}

function readBody(bytes: Buffer, start: number, headers: Headers, where: string): { body: Buffer; end: number } {
  if (/\bchunked\b/i.test(getHeader(headers, "Transfer-Encoding") ?? "")) return readChunked(bytes, start, where);
  const lengthText = getHeader(headers, "Content-Length");
  if (lengthText === undefined) return { body: Buffer.from(bytes.subarray(start)), end: bytes.length };
  if (!/^\d+$/.test(lengthText)) throw rawError(where, `has Content-Length "${lengthText}", not a number`, "fix the Content-Length header");
  const length = Number(lengthText);
  if (start + length > bytes.length) {
    throw rawError(where, `is truncated: Content-Length says ${length} bytes, ${bytes.length - start} follow`, "capture the whole request again");
  }
  return { body: Buffer.from(bytes.subarray(start, start + length)), end: start + length };
}

/** RFC 9112 section 7.1: hex size line (extensions after `;` ignored), data, line end; a 0 chunk, trailers. */
function readChunked(bytes: Buffer, start: number, where: string): { body: Buffer; end: number } {
  const chunks: Buffer[] = [];
  let pos = start;
  for (;;) {
    const sizeLine = readLine(bytes, pos, bytes.length);
    const sizeText = sizeLine?.text.split(";")[0]?.trim() ?? "";
    if (!sizeLine || !/^[0-9a-fA-F]+$/.test(sizeText)) throw rawError(where, `has a bad chunk size line "${sizeLine?.text.slice(0, 40) ?? ""}"`, "the body is not valid chunked encoding");
    const size = parseInt(sizeText, 16);
    pos = sizeLine.next;
    if (size === 0) break;
    if (pos + size > bytes.length) throw rawError(where, `is truncated: a chunk of ${size} bytes has ${bytes.length - pos} left`, "capture the whole request again");
    chunks.push(bytes.subarray(pos, pos + size));
    pos += size;
    if (bytes[pos] === 0x0d) pos++;
    if (bytes[pos] === LF) pos++;
  }
  // Trailer fields, up to the empty line that ends the message (lenient when the capture stops early).
  for (;;) {
    const trailer = readLine(bytes, pos, bytes.length);
    if (!trailer) break;
    pos = trailer.next;
    if (trailer.text === "") break;
  }
  return { body: Buffer.concat(chunks), end: pos };
}

/** Absolute-form targets are kept; origin-form gets the Host header (http unless X-Forwarded-Proto says https). */
function urlOf(target: string, headers: Headers): string {
  if (isAbsoluteUrl(target)) return target;
  const host = getHeader(headers, "Host") ?? "localhost";
  const scheme = /^https$/i.test(getHeader(headers, "X-Forwarded-Proto") ?? "") ? "https" : "http";
  return `${scheme}://${host}${target.startsWith("/") ? target : `/${target}`}`;
}

/** One line (latin1, as HTTP heads are read) without its CRLF or LF. */
function readLine(bytes: Uint8Array, start: number, limit: number): { text: string; next: number; terminated: boolean } | undefined {
  if (start >= limit) return undefined;
  let end = start;
  while (end < limit && bytes[end] !== LF) end++;
  const terminated = end < limit;
  const stop = terminated && end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset + start, stop - start).toString("latin1"), next: terminated ? end + 1 : end, terminated };
}

function skipNewlines(bytes: Uint8Array, start: number): number {
  let pos = start;
  while (pos < bytes.length && (bytes[pos] === LF || bytes[pos] === 0x0d)) pos++;
  return pos;
}

function rawError(where: string, what: string, hint: string): WhkInputError {
  return new WhkInputError("bad-http", `${where} ${what}`, hint);
}
