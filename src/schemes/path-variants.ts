import { isAbsoluteUrl, relativeUrl, splitTarget } from "../primitives/url-parts.js";
import type { VariationCause } from "./explanation.js";

/** A path the signer may have signed instead of the one received, and what that would mean. */
export interface PathVariant {
  cause: VariationCause;
  summary: string;
  /** What goes into the string-to-sign in place of the received path and query. */
  signed: string;
  evidence: string[];
}

/**
 * Where a signed path goes wrong between the sender's configuration and the receiver: the query left
 * out, a trailing slash, a prefix a proxy or router mount adds or strips, the absolute URL signed in
 * place of the path. `received` is the path and query as received; `url` the whole URL, if absolute.
 * `name` is what the scheme calls the signed path ("EndpointUrl", "the signed path").
 */
export function pathVariants(received: string, url: string, name: string): PathVariant[] {
  const { path, query } = splitTarget(received);
  const evidence = (signed: string): string[] => [`${name} received: ${received}`, `${name} signed: ${signed}`];
  const out: PathVariant[] = [];
  if (query) {
    out.push({ cause: "path-query", signed: path, evidence: evidence(path), summary: `the signature matches ${name} without its query string ("${path}"): the signer left the query out (the relative path is signed with all its parameters), or a query was added after signing` });
  }
  if (!query) {
    out.push({ cause: "path-empty-query", signed: `${path}?`, evidence: evidence(`${path}?`), summary: `the signature matches ${name} with a "?" and no query ("${path}?"): the signer built the path with an empty query string (as Flask's request.full_path does), where the path is signed exactly as sent` });
  }
  const toggled = path.endsWith("/") && path !== "/" ? path.slice(0, -1) : `${path}/`;
  const slash = path.endsWith("/") ? "without its trailing slash" : "with a trailing slash";
  out.push({ cause: "path-trailing-slash", signed: `${toggled}${query}`, evidence: evidence(`${toggled}${query}`), summary: `the signature matches ${name} ${slash} ("${toggled}${query}"): the callback URL configured with the sender and the path your app receives differ by a trailing slash` });
  const segments = path.split("/").filter((s) => s !== "");
  for (let drop = 1; drop <= segments.length; drop++) {
    const rest = segments.slice(drop).join("/");
    const signed = `${rest === "" ? "/" : `/${rest}${path.endsWith("/") ? "/" : ""}`}${query}`;
    const prefix = `/${segments.slice(0, drop).join("/")}`;
    out.push({ cause: "path-prefix", signed, evidence: evidence(signed), summary: `the signature matches ${name} "${signed}", without the leading "${prefix}": the sender signed a shorter path than the one in your capture (a proxy, gateway or router mount adds or strips "${prefix}"); verify with the path the sender was given` });
  }
  const absolute = url.replace(/#.*$/, "");
  if (isAbsoluteUrl(absolute)) {
    out.push({ cause: "path-absolute-url", signed: absolute, evidence: evidence(absolute), summary: `the signature matches the whole URL in place of ${name}: the signer signed the absolute URL, where the relative path is what is signed` });
  }
  return out;
}

/** A path a receiver may sign in place of the one it was sent to, and what it then does wrong. */
export interface HandlerPathMistake {
  cause: VariationCause;
  /** What goes into the string-to-sign in place of the path and query. */
  signed: string;
  handlerDoes: string;
}

/**
 * How handlers get a signed path wrong, from the receiving side of `url` (the URL a delivery is sent
 * to): Flask's request.full_path adds "?" when there is no query; req.path and request.path drop the
 * query; request.url is the whole URL; a router mounted at a prefix (Express's req.url inside
 * app.use("/prefix", ...)) or a proxy that strips one sees a shorter path; a slash added or dropped.
 */
export function handlerPathMistakes(url: string, name: string): HandlerPathMistake[] {
  const received = relativeUrl(url);
  const { path, query } = splitTarget(received);
  const exactly = `sign ${name} exactly as received, path and query (Express req.originalUrl, Django request.get_full_path())`;
  const out: HandlerPathMistake[] = [];
  if (query === "") {
    out.push({ cause: "path-empty-query", signed: `${path}?`, handlerDoes: `it signs "${path}?", the path with a "?" and no query (Flask's request.full_path always adds one): ${exactly}, e.g. request.full_path.rstrip("?") in Flask` });
  } else {
    out.push({ cause: "path-query", signed: path, handlerDoes: `it signs "${path}", the path without its query (Express req.path, Flask and Django request.path): ${exactly}` });
  }
  const absolute = url.replace(/#.*$/, "");
  if (isAbsoluteUrl(absolute)) {
    out.push({ cause: "path-absolute-url", signed: absolute, handlerDoes: `it signs the whole URL "${absolute}" (Flask request.url, Express req.protocol + host + req.originalUrl), where ${name} is the relative path and query: ${exactly}` });
  }
  const segments = path.split("/").filter((segment) => segment !== "");
  for (let drop = 1; drop <= segments.length; drop++) {
    const rest = segments.slice(drop).join("/");
    const signed = `${rest === "" ? "/" : `/${rest}${path.endsWith("/") ? "/" : ""}`}${query}`;
    const prefix = `/${segments.slice(0, drop).join("/")}`;
    out.push({ cause: "path-prefix", signed, handlerDoes: `it signs "${signed}", the path without its leading "${prefix}": a router mounted at "${prefix}" sees only the rest (Express req.url or req.path inside app.use("${prefix}", ...)), or a proxy strips it before your app: ${exactly}` });
  }
  const toggled = path.endsWith("/") && path !== "/" ? path.slice(0, -1) : `${path}/`;
  out.push({ cause: "path-trailing-slash", signed: `${toggled}${query}`, handlerDoes: `it signs "${toggled}${query}", ${path.endsWith("/") ? "dropping" : "adding"} a trailing slash (a framework's path normalisation): ${exactly}` });
  return out;
}
