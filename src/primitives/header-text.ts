import { WhkInputError } from "./errors.js";
import type { Headers } from "./headers.js";

/** RFC 9110 token characters: what a header name (and a method) may be made of. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What would end a header line early (CR, LF) or cut it short (NUL): a value holding one writes headers of its own. */
const BREAKING = /[\r\n\0]/;

const NAMES: Record<string, string> = { "\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\0": "a NUL" };

/** Which line-breaking character a header value holds ("a line feed (LF)"), or undefined when it is one safe line. */
export function headerValueBreak(value: string): string | undefined {
  const found = BREAKING.exec(value);
  return found === null ? undefined : NAMES[found[0]];
}

/**
 * Refuses a header value that would break the request it goes into (header injection), naming the
 * input it came from: `--header "X: a\nB: c"`, `--access-token`, a config path.
 */
export function assertHeaderValue(value: string, input: string, hint = "remove it: a header value is one line (repeat --header for several headers)"): void {
  const found = headerValueBreak(value);
  if (found !== undefined) throw new WhkInputError("header-injection", `${input} holds ${found}: a header value must be one line of text`, hint);
}

/**
 * The last line of defence before a request is printed or sent: every header of it is one line. Values
 * reach headers from flags, the config, secrets sent as tokens and templates; each source names itself
 * when it can, and this catches the rest.
 */
export function assertSafeHeaders(headers: Headers, what: string): void {
  for (const name in headers) {
    if (!HEADER_NAME.test(name)) throw new WhkInputError("header-injection", `${what}: "${name}" is not a header name`, "names are letters, digits and - _ . ! # $ % & ' * + ^ ` | ~");
    assertHeaderValue(headers[name] as string, `${what}: the value of ${name}`, "check --header, the provider's flags, the secret (some providers send it as a header) and whk.config.json");
  }
}
