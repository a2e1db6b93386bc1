import { WhkInputError } from "./errors.js";
import { isAbsoluteUrl, relativeUrl } from "./url-parts.js";

/**
 * `whk listen`'s default port, and the port of a target given without one, so `whk listen` and
 * `whk send x --to localhost` meet with no flags. Not 3000, 8080 or 5000: those are the apps' own
 * (Express's examples, Rails, Flask), and whk listens beside the app, not in its place.
 */
export const DEFAULT_PORT = 4400;
/** The inspector page's port (`whk listen --ui`, `whk inspect`): next to the listener's. */
export const DEFAULT_INSPECTOR_PORT = 4401;

/**
 * Turns a target as users type it into a full URL: a URL, `host:port`, `host`, `:port` or a bare
 * port, each optionally followed by a path. Without a scheme it is http, and without a port 3000.
 * The path and query are kept verbatim: path-signing schemes sign them byte for byte.
 */
export function parseTarget(target: string): string {
  const text = target.trim();
  if (text === "") throw new WhkInputError("bad-target", "the target is empty", "pass --to with a URL, host:port, host or port, e.g. --to localhost:8080");
  let candidate: string;
  if (isAbsoluteUrl(text)) candidate = text;
  else if (/^\d+(?=$|[/?])/.test(text)) candidate = `http://localhost:${text}`;
  else if (text.startsWith(":")) candidate = `http://localhost${text}`;
  else {
    const authority = /^(\[[^\]]*\](?::\d*)?|[^/?#]*)/.exec(text)?.[1] ?? "";
    const hasPort = /:\d*$/.test(authority) && !authority.endsWith("]");
    candidate = `http://${authority}${hasPort ? "" : `:${DEFAULT_PORT}`}${text.slice(authority.length)}`;
  }
  const portText = /^[a-z]+:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d*)/i.exec(candidate)?.[1];
  if (portText !== undefined && (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)) {
    throw new WhkInputError("bad-target", `"${target}" has port "${portText}", outside 1-65535`, "use a port between 1 and 65535");
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new WhkInputError("bad-target", `"${target}" is not a URL or host:port`, "write it like http://localhost:8080/webhooks, localhost:8080 or 8080");
  }
  if (url.username !== "" || url.password !== "") {
    throw new WhkInputError("bad-target", `"${target}" carries credentials, which whk does not send from a URL`, 'pass them as a header instead, e.g. --header "Authorization: Basic <base64 of user:password>"');
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WhkInputError("bad-target", `"${target}" uses ${url.protocol.replace(":", "")}, not http or https`, "webhooks are delivered over http:// or https://");
  }
  return `${url.protocol}//${url.host}${relativeUrl(candidate)}`;
}
