import { base64Bytes, utf8Bytes } from "../primitives/body-bytes.js";
import { WhkInputError } from "../primitives/errors.js";
import { HEADER_NAME as TOKEN, headerValueBreak } from "../primitives/header-text.js";
import { parseTarget } from "../primitives/target-url.js";

/** What the page's replay form sends. */
export interface ReplayInput {
  /** The provider whose scheme re-signs it, and whose acknowledgement rule judges the answer. */
  provider: string | null;
  method: string;
  /** Where to send it: a URL, host:port or :port, as `whk send --to` takes it. */
  url: string;
  /** In the order they are to be sent. */
  headers: [string, string][];
  body: Buffer;
  /** Re-sign with the provider's scheme, or send the signature as it is (a forgery, when the body changed). */
  resign: boolean;
}


const problem = (message: string, hint: string): WhkInputError => new WhkInputError("bad-replay", message, hint);

/** Checks the form's JSON; every mistake is one message and a hint for the page to show. */
export function parseReplayInput(value: unknown): ReplayInput {
  const input = (value !== null && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const method = typeof input["method"] === "string" ? input["method"].trim().toUpperCase() : "";
  if (!TOKEN.test(method)) throw problem(`"${String(input["method"] ?? "")}" is not an HTTP method`, "write a method like POST");
  if (typeof input["url"] !== "string") throw problem("no URL to send to", "type a URL, host:port or :port");
  const url = parseTarget(input["url"]);
  const headers = parseHeaders(input["headers"]);
  const provider = typeof input["provider"] === "string" && input["provider"] !== "" ? input["provider"] : null;
  const resign = input["resign"] === true;
  if (resign && provider === null) throw problem("re-signing needs a provider", "choose the provider whose scheme signs it, or keep the signature as it is");
  return { provider, method, url, headers, body: parseBody(input), resign };
}

function parseHeaders(value: unknown): [string, string][] {
  if (!Array.isArray(value)) throw problem("the headers are missing", "one `Name: value` a line");
  return value.map((pair: unknown) => {
    const [name, text] = Array.isArray(pair) ? (pair as unknown[]) : [];
    if (typeof name !== "string" || !TOKEN.test(name)) throw problem(`"${String(name ?? "")}" is not a header name`, "one `Name: value` a line; names are letters, digits and - _ . ! # $ % & ' * + ^ ` | ~");
    if (typeof text !== "string" || headerValueBreak(text) !== undefined) throw problem(`the value of ${name} is not a single line of text`, "a header value may not contain line breaks");
    return [name, text];
  });
}

function parseBody(input: Record<string, unknown>): Buffer {
  const given = typeof input["bodyBase64"] === "string" ? base64Bytes(input["bodyBase64"]) : typeof input["body"] === "string" ? utf8Bytes(input["body"]) : null;
  if (given === undefined) throw problem("the body cannot be sent as it is: it is not valid base64, or holds a lone surrogate", "edit the body as text, or paste it again");
  if (given !== null) return given;
  throw problem("the body is missing", "send an empty body as an empty text");
}
