/**
 * Rewrites of JSON *text* that keep every string and number token verbatim unless the rewrite is about
 * them: the ways real serialisers differ (layout, escapes, number spelling, key order). Used to ask
 * "would the signature match if the body had been written this other way?".
 */

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/** The index just past the string literal that opens at `start`. */
export function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/**
 * Lays JSON text out again: `indent` (e.g. "  ") as JSON.stringify(x, null, indent) does, or on one line
 * with `spaced` separators (", " and ": ", Python's json.dumps default), or compact.
 */
export function relayoutJson(text: string, indent?: string, spaced = false): string {
  let out = "";
  let depth = 0;
  const newline = (d: number): string => (indent === undefined ? "" : `\n${indent.repeat(d)}`);
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (WHITESPACE.has(c)) {
      i++;
    } else if (c === "{" || c === "[") {
      let j = i + 1;
      while (j < text.length && WHITESPACE.has(text[j] as string)) j++;
      if (text[j] === (c === "{" ? "}" : "]")) {
        out += `${c}${text[j]}`;
        i = j + 1;
      } else {
        depth++;
        out += c + newline(depth);
        i++;
      }
    } else if (c === "}" || c === "]") {
      depth--;
      out += newline(depth) + c;
      i++;
    } else if (c === ",") {
      out += indent !== undefined ? `,${newline(depth)}` : spaced ? ", " : ",";
      i++;
    } else if (c === ":") {
      out += indent !== undefined || spaced ? ": " : ":";
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Replaces every number token outside strings; reports the first one that changed. */
export function mapJsonNumbers(text: string, respell: (token: string) => string): { text: string; first?: { from: string; to: string } } {
  let out = "";
  let first: { from: string; to: string } | undefined;
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    NUMBER.lastIndex = i;
    const match = (c === "-" || (c >= "0" && c <= "9")) ? NUMBER.exec(text) : null;
    if (!match) {
      out += c;
      i++;
      continue;
    }
    const token = match[0];
    const next = respell(token);
    if (next !== token) first ??= { from: token, to: next };
    out += next;
    i += token.length;
  }
  return first ? { text: out, first } : { text: out };
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

/** A parsed JSON value re-serialised compactly with every object's keys sorted. */
export function sortedKeysJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * The JSON text with every object's members in reverse order, each key and value spelled as it was
 * (strings, numbers and escapes verbatim), laid out compactly. Valid JSON in, valid JSON out.
 */
export function reverseKeyOrder(text: string): string {
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && WHITESPACE.has(text[pos] as string)) pos++;
  };
  const members = (close: string, member: () => string): string[] => {
    const out: string[] = [];
    pos++;
    skip();
    if (text[pos] === close) {
      pos++;
      return out;
    }
    for (;;) {
      out.push(member());
      skip();
      const separator = text[pos++];
      if (separator !== ",") return out;
    }
  };
  const value = (): string => {
    skip();
    const c = text[pos];
    if (c === "{") {
      return `{${members("}", () => {
        skip();
        const end = stringEnd(text, pos);
        const key = text.slice(pos, end);
        pos = end;
        skip();
        pos++; // the colon
        return `${key}:${value()}`;
      }).reverse().join(",")}}`;
    }
    if (c === "[") return `[${members("]", value).join(",")}]`;
    if (c === '"') {
      const end = stringEnd(text, pos);
      const token = text.slice(pos, end);
      pos = end;
      return token;
    }
    const start = pos;
    while (pos < text.length && !",}] \t\n\r".includes(text[pos] as string)) pos++;
    return text.slice(start, pos);
  };
  return value();
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
    while (after < text.length && WHITESPACE.has(text[after] as string)) after++;
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
