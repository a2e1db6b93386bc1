/**
 * A body given in JSON (a request file's `body` or `bodyBase64`, a HAR entry's `postData.text`) back
 * as the bytes that were received, or undefined when the text cannot be those bytes: then the reader
 * says so instead of sending or judging something else.
 */

/** A UTF-16 surrogate without its pair: JSON can spell one (`"\ud800"`), no byte sequence decodes to one. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** U+FFFD in UTF-8: what a lone surrogate is written as. */
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** Text as UTF-8 bytes; undefined when it holds a lone surrogate (UTF-8 would write U+FFFD in its place). */
export function utf8Bytes(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "utf8");
  // Searching the bytes is a fraction of the time a scan of the text takes (a 200 MB body is hashed in
  // about as long as the scan): the text is looked at only when the bytes hold a U+FFFD.
  return bytes.includes(REPLACEMENT) && LONE_SURROGATE.test(text) ? undefined : bytes;
}

/** Standard base64's alphabet (RFC 4648 section 4), then its padding. One character class, never a repeated group: V8 backtracks through a group once per repeat and overflows its stack on a body of megabytes. */
const BASE64 = /^[A-Za-z0-9+/]*(={0,2})$/;

/** Base64 as bytes; undefined for anything Buffer.from would decode by skipping or guessing (`-`, `%`, `abcde`). Line breaks are allowed, padding may be left off but not be wrong. */
export function base64Bytes(text: string): Buffer | undefined {
  const compact = text.replace(/[\r\n\t ]+/g, "");
  const padding = BASE64.exec(compact)?.[1];
  if (padding === undefined) return undefined;
  // Padded, whole groups of four; unpadded, a last group of two or three characters, never one.
  const whole = padding !== "" ? compact.length % 4 === 0 : compact.length % 4 !== 1;
  return whole ? Buffer.from(compact, "base64") : undefined;
}
