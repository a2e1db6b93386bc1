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
    put(next, key, headers[key] as string);
  }
  put(next, name, value);
  return next;
}

export function hasHeader(headers: Headers, name: string): boolean {
  return getHeader(headers, name) !== undefined;
}

/** Assigns a header; a name like `__proto__` is defined as data rather than changing the prototype. */
function put(headers: Headers, name: string, value: string): void {
  if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  else headers[name] = value;
}
