/**
 * Rewrites of JSON *text* that keep every string and number token verbatim unless the rewrite is about
 * them: the ways real serialisers differ (layout, escapes, number spelling, key order). Used to ask
 * "would the signature match if the body had been written this other way?".
 */

import { serializeJson } from "./serialize-json.js";

/** The index just past the string literal that opens at `start`. */
export function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    // A quote after an odd number of backslashes is escaped.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Where a run of number or literal characters ends: whitespace, a quote or punctuation. */
const endsRun = (c: number): boolean => isWhitespace(c) || c === 0x22 || c === 0x2c || c === 0x3a || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d;

/**
 * Lays JSON text out again: `indent` (e.g. "  ") as JSON.stringify(x, null, indent) does, or on one line
 * with `spaced` separators (", " and ": ", Python's json.dumps default), or compact. Strings and numbers
 * are copied as slices, never character by character. Undefined once the text would pass `maxLength`:
 * indentation grows with the square of the depth, and a body nested 100,000 levels deep would need
 * gigabytes to pretty-print.
 */
export function relayoutJson(text: string, indent?: string, spaced?: boolean): string;
export function relayoutJson(text: string, indent: string | undefined, spaced: boolean, maxLength: number): string | undefined;
export function relayoutJson(text: string, indent?: string, spaced = false, maxLength = Number.POSITIVE_INFINITY): string | undefined {
  const out: string[] = [];
  let length = 0;
  const emit = (part: string): void => {
    out.push(part);
    length += part.length;
  };
  let depth = 0;
  const newline = (d: number): string => (indent === undefined ? "" : `\n${indent.repeat(Math.max(0, d))}`);
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      emit(text.slice(i, end));
      i = end;
    } else if (isWhitespace(c)) {
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      let j = i + 1;
      while (j < text.length && isWhitespace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === c + 2) {
        emit(c === 0x7b ? "{}" : "[]");
        i = j + 1;
      } else {
        depth++;
        emit(text[i] + newline(depth));
        i++;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      emit(newline(depth) + text[i]);
      i++;
    } else if (c === 0x2c) {
      emit(indent !== undefined ? `,${newline(depth)}` : spaced ? ", " : ",");
      i++;
    } else if (c === 0x3a) {
      emit(indent !== undefined || spaced ? ": " : ":");
      i++;
    } else {
      let j = i + 1;
      while (j < text.length && !endsRun(text.charCodeAt(j))) j++;
      emit(text.slice(i, j));
      i = j;
    }
    if (length > maxLength) return undefined;
  }
  return out.join("");
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Replaces every number token outside strings; reports the first one that changed. */
export function mapJsonNumbers(text: string, respell: (token: string) => string): { text: string; first?: { from: string; to: string } } {
  const out: string[] = [];
  let first: { from: string; to: string } | undefined;
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    NUMBER.lastIndex = i;
    const match = c === 0x2d || (c >= 0x30 && c <= 0x39) ? NUMBER.exec(text) : null;
    if (!match) {
      i++;
      continue;
    }
    const token = match[0];
    const next = respell(token);
    if (next !== token) {
      first ??= { from: token, to: next };
      out.push(text.slice(copied, i), next);
      copied = i + token.length;
    }
    i += token.length;
  }
  if (first === undefined) return { text };
  out.push(text.slice(copied));
  return { text: out.join(""), first };
}

const hex4 = (code: number, upper: boolean): string => {
  const hex = code.toString(16).padStart(4, "0");
  return `\\u${upper ? hex.toUpperCase() : hex}`;
};

/** Non-ASCII characters as \uXXXX (Python's json.dumps ensure_ascii, Java's ASCII writers). */
export function escapeNonAscii(text: string, upper = false): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => hex4(c.charCodeAt(0), upper));
}

/** Go's encoding/json default: <, > and & (and U+2028, U+2029) escaped inside strings. */
export function escapeHtmlLikeGo(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => hex4(c.charCodeAt(0), false));
}

/** \uXXXX escapes written as the characters themselves, where JSON allows it (not quotes, backslashes, controls). */
export function unescapeUnicode(text: string): string {
  return text.replace(/\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\[^u]/g, (match, high?: string, low?: string, single?: string) => {
    if (high !== undefined && low !== undefined) return String.fromCharCode(parseInt(high, 16), parseInt(low, 16));
    if (single === undefined) return match;
    const code = parseInt(single, 16);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return match;
    return String.fromCharCode(code);
  });
}

/** A parsed JSON value re-serialised compactly with every object's keys sorted; undefined past `maxLength`. */
export function sortedKeysJson(value: unknown): string;
export function sortedKeysJson(value: unknown, maxLength: number): string | undefined;
export function sortedKeysJson(value: unknown, maxLength = Number.POSITIVE_INFINITY): string | undefined {
  return serializeJson(value, { sortKeys: true, maxLength });
}

/**
 * The JSON text with every object's members in reverse order, each key and value spelled as it was
 * (strings, numbers and escapes verbatim), laid out compactly. Valid JSON in, valid JSON out.
 */
export function reverseKeyOrder(text: string): string {
  // Read into containers, then write: both iterative, one frame per open container, and linear (no
  // string is built per level), so a body nested 100,000 levels deep is neither a deep stack nor slow.
  type Value = string | Container;
  interface Container {
    object: boolean;
    members: { key: string; value: Value }[];
  }
  const stack: { container: Container; key: string }[] = [];
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && isWhitespace(text.charCodeAt(pos))) pos++;
  };
  const token = (): string => {
    const start = pos;
    if (text[pos] === '"') pos = stringEnd(text, pos);
    else while (pos < text.length && !endsRun(text.charCodeAt(pos))) pos++;
    return text.slice(start, pos);
  };
  const key = (): string => {
    skip();
    const name = token();
    skip();
    pos++; // the colon
    return name;
  };
  let root: Value | undefined;
  while (root === undefined) {
    skip();
    const open = text[pos];
    let value: Value;
    if (open === "{" || open === "[") {
      pos++;
      skip();
      if (text[pos] === (open === "{" ? "}" : "]")) {
        pos++;
        value = open === "{" ? "{}" : "[]";
      } else {
        const object = open === "{";
        stack.push({ container: { object, members: [] }, key: object ? key() : "" });
        continue;
      }
    } else {
      value = token();
    }
    // A whole value: it joins its container, and closes every container it was the last member of.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) {
        root = value;
        break;
      }
      frame.container.members.push({ key: frame.key, value });
      skip();
      if (text[pos++] === ",") {
        if (frame.container.object) frame.key = key();
        break;
      }
      stack.pop();
      value = frame.container;
    }
  }
  const out: string[] = [];
  const work: Value[] = [root];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    const members = item.object ? item.members.slice().reverse() : item.members;
    // Pushed last to first, so they are written first to last.
    work.push(item.object ? "}" : "]");
    for (let i = members.length - 1; i >= 0; i--) {
      const member = members[i] as Container["members"][number];
      work.push(member.value);
      if (item.object) work.push(`${member.key}:`);
      if (i > 0) work.push(",");
    }
    work.push(item.object ? "{" : "[");
  }
  return out.join("");
}

const hexEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Characters escaped the way JSON writers do by default, where JSON allows but does not require it: `/`
 * as `\/` (PHP's json_encode), anything beyond ASCII as `\uXXXX` (PHP, Python's ensure_ascii), and
 * `<`, `>`, `&`, `'`, `+` as `\u00XX` (.NET's and Go's HTML-safe defaults). With `firstOfEachValue`, also
 * the first character of every string value (JSON allows `\uXXXX` for any character). Only inside
 * strings; escapes already there are kept; every value parses back the same.
 */
export function escapeLikeOtherWriters(text: string, firstOfEachValue = false): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '"') {
      out += text[i];
      i++;
      continue;
    }
    const end = stringEnd(text, i);
    let after = end;
    while (after < text.length && isWhitespace(text.charCodeAt(after))) after++;
    const isValue = text[after] !== ":";
    out += '"';
    for (let j = i + 1; j < end - 1; j++) {
      const c = text[j] as string;
      if (c === "\\") {
        const length = text[j + 1] === "u" ? 6 : 2;
        out += text.slice(j, j + length);
        j += length - 1;
      } else if (c === "/") out += "\\/";
      else if (/[<>&'+]/.test(c) || c.charCodeAt(0) > 0x7f || (firstOfEachValue && isValue && j === i + 1)) out += hexEscape(c);
      else out += c;
    }
    out += '"';
    i = end;
  }
  return out;
}
