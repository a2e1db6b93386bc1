/** Header maps keep the names as written (so captures stay byte-exact); look-ups ignore case. */
export type Headers = Record<string, string>;

export function getHeader(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Sets a header, replacing any existing spelling of the same name. */
export function setHeader(headers: Headers, name: string, value: string): Headers {
  const next: Headers = {};
  const wanted = name.toLowerCase();
  for (const [key, existing] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) next[key] = existing;
  }
  next[name] = value;
  return next;
}

export function hasHeader(headers: Headers, name: string): boolean {
  return getHeader(headers, name) !== undefined;
}
