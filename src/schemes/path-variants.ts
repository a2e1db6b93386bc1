import { isAbsoluteUrl, splitTarget } from "../primitives/url-parts.js";
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
