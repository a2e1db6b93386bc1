import type { Headers } from "../primitives/headers.js";

/**
 * Headers as they arrived, from Node's `rawHeaders` ([name, value, name, value ...]): names keep their
 * case and order. A name sent more than once (in any case) is joined with ", " under its first spelling,
 * as RFC 9110 section 5.3 allows for list-valued fields.
 */
export function headersFromRaw(raw: readonly string[]): Headers {
  const headers: Headers = {};
  const spelling = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const value = raw[i + 1] ?? "";
    const first = spelling.get(name.toLowerCase());
    if (first === undefined) {
      spelling.set(name.toLowerCase(), name);
      define(headers, name, value);
    } else {
      define(headers, first, `${headers[first] ?? ""}, ${value}`);
    }
  }
  return headers;
}

/** Plain assignment would let a header named `__proto__` change the object's prototype instead. */
function define(headers: Headers, name: string, value: string): void {
  Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
}
