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
  const next: Headers = Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== wanted));
  Object.defineProperty(next, name, { value, enumerable: true, writable: true, configurable: true });
  return next;
}

export function hasHeader(headers: Headers, name: string): boolean {
  return getHeader(headers, name) !== undefined;
}
