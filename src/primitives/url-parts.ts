/**
 * The one place a URL is split without being normalised. `new URL()` re-encodes paths and drops
 * spelling a signature may cover (SNAP signs the path and query byte for byte), so whk splits URLs
 * textually: the origin (scheme and authority) and the request target (path and query) as written.
 */
const ABSOLUTE = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^#]*)/i;

/** Whether the text starts with a scheme and `//` (an absolute URL, not a path). */
export function isAbsoluteUrl(text: string): boolean {
  return ABSOLUTE.test(text);
}

/** `http://host:3000/a/b?x=1#f` -> origin `http://host:3000`, target `/a/b?x=1` (empty when there is none); undefined for a relative URL. */
export function splitUrl(url: string): { origin: string; target: string } | undefined {
  const match = ABSOLUTE.exec(url);
  return match ? { origin: match[1] as string, target: match[2] as string } : undefined;
}

/** The path plus query of a URL, verbatim (never `/` missing, never a fragment): what a signed path covers. */
export function relativeUrl(url: string): string {
  const rest = splitUrl(url)?.target ?? url.replace(/#.*$/, "");
  if (rest === "") return "/";
  return rest.startsWith("?") ? `/${rest}` : rest;
}

/** `/a/b?x=1` -> path `/a/b`, query `?x=1` (empty when there is none). */
export function splitTarget(target: string): { path: string; query: string } {
  const at = target.indexOf("?");
  return at < 0 ? { path: target, query: "" } : { path: target.slice(0, at), query: target.slice(at) };
}

/**
 * Where a request received at `target` (path and query, verbatim) is relayed. A forward URL with only
 * an origin (`http://localhost:8080` or `.../`) gets the original path and query appended; one with its
 * own path replaces the path, keeping the original query unless it has a query of its own. Some schemes
 * sign the path: keep the same path on both sides (a bare origin) or their signatures fail at the app.
 */
export function forwardUrl(forwardTo: string, target: string): string {
  const parts = splitUrl(forwardTo);
  const origin = parts?.origin ?? forwardTo;
  const { path, query } = splitTarget(parts?.target ?? "");
  const hasQuery = (parts?.target ?? "").includes("?");
  if ((path === "" || path === "/") && !hasQuery) return `${origin}${target.startsWith("/") ? target : `/${target}`}`;
  return `${origin}${path === "" ? "/" : path}${hasQuery ? query : splitTarget(target).query}`;
}
