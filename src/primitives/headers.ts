/** Header maps keep the names as written (so captures stay byte-exact); look-ups ignore case. */
export type Headers = Record<string, string>;

export function getHeader(headers: Headers, name: string): string | undefined {
  // Exact spelling first (the usual case), then any case; for-in allocates nothing, and verify calls this
  // several times per request.
  const exact = headers[name];
  if (exact !== undefined && Object.prototype.hasOwnProperty.call(headers, name)) return exact;
  const wanted = name.toLowerCase();
  for (const key in headers) {
    if (key.length === wanted.length && key.toLowerCase() === wanted) return headers[key];
  }
  return undefined;
}

/** Sets a header, replacing any existing spelling of the same name. */
export function setHeader(headers: Headers, name: string, value: string): Headers {
  const wanted = name.toLowerCase();
  const next: Headers = {};
  for (const key in headers) {
    if (key.length === wanted.length && key.toLowerCase() === wanted) continue;
    defineHeader(next, key, headers[key] as string);
  }
  defineHeader(next, name, value);
  return next;
}

/** A copy without the named header (any spelling). */
export function withoutHeader(headers: Headers, name: string): Headers {
  const wanted = name.toLowerCase();
  const next: Headers = {};
  for (const key in headers) if (key.toLowerCase() !== wanted) defineHeader(next, key, headers[key] as string);
  return next;
}

/**
 * Headers from name/value pairs in the order they arrived: names keep their case, and a name sent more
 * than once (in any case) is joined with ", " under its first spelling, as RFC 9110 section 5.3 allows
 * for list-valued fields. Every reader of headers (listen, HAR, raw HTTP, delivery answers) builds them here.
 */
export function headersFromPairs(pairs: Iterable<readonly [string, string]>): Headers {
  const headers: Headers = {};
  const spelling = new Map<string, string>();
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    const first = spelling.get(lower);
    if (first === undefined) {
      spelling.set(lower, name);
      defineHeader(headers, name, value);
    } else {
      defineHeader(headers, first, `${headers[first] ?? ""}, ${value}`);
    }
  }
  return headers;
}

export function hasHeader(headers: Headers, name: string): boolean {
  return getHeader(headers, name) !== undefined;
}

/** Assigns a header; a name like `__proto__` is defined as data rather than changing the prototype. */
export function defineHeader(headers: Headers, name: string, value: string): void {
  if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  else headers[name] = value;
}

/**
 * Headers that describe one connection, not the message (RFC 9110 section 7.6.1): never relayed.
 * Content-Length is recomputed from the bytes actually sent.
 */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization"]);

/** Drops hop-by-hop headers (and any the Connection header names) from a rawHeaders list. */
export function endToEndHeaders(raw: readonly string[], alsoDrop: readonly string[] = []): string[] {
  const named = new Set(alsoDrop.map((n) => n.toLowerCase()));
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === "connection") for (const token of (raw[i + 1] ?? "").split(",")) named.add(token.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !named.has(lower)) kept.push(name, raw[i + 1] ?? "");
  }
  return kept;
}
