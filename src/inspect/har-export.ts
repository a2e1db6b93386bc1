import { getHeader } from "../primitives/headers.js";
import { packageVersion } from "../primitives/package-root.js";
import { utf8OrUndefined } from "../primitives/request-file.js";
import type { CaptureEntry } from "./capture-entry.js";

type NameValue = { name: string; value: string };

/**
 * Captures as a HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/), which browsers' dev
 * tools, proxies and `whk verify` read. Bodies that are not UTF-8 are base64 with `encoding` set, as
 * `whk verify` and most HAR readers expect. The answer is the app's in forward mode; otherwise only its
 * status is known.
 */
export function capturesToHar(entries: readonly CaptureEntry[]): object {
  return { log: { version: "1.2", creator: { name: "whk", version: packageVersion() }, entries: entries.map(harEntry) } };
}

function harEntry(entry: CaptureEntry): object {
  const { request } = entry;
  const text = utf8OrUndefined(request.body);
  const postData = text !== undefined ? { text } : { text: request.body.toString("base64"), encoding: "base64" };
  return {
    startedDateTime: request.receivedAt ?? new Date(0).toISOString(),
    time: 0,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: pairs(request.headers),
      queryString: queryOf(request.url),
      postData: { mimeType: getHeader(request.headers, "Content-Type") ?? "", ...postData },
      headersSize: -1,
      bodySize: request.body.length,
    },
    response: harResponse(entry),
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

function harResponse(entry: CaptureEntry): object {
  const response = entry.response;
  let content: object = { size: 0, mimeType: "", comment: "the answer's body is recorded only in forward mode" };
  if (response !== undefined) {
    const mimeType = getHeader(response.headers, "Content-Type") ?? "";
    content =
      response.bodyBase64 !== undefined
        ? { size: Buffer.from(response.bodyBase64, "base64").length, mimeType, text: response.bodyBase64, encoding: "base64" }
        : { size: Buffer.byteLength(response.body ?? ""), mimeType, text: response.body ?? "" };
  }
  const headers = response !== undefined ? pairs(response.headers) : [];
  return { status: entry.answered ?? 0, statusText: "", httpVersion: "HTTP/1.1", cookies: [], headers, content, redirectURL: "", headersSize: -1, bodySize: -1 };
}

const pairs = (headers: Record<string, string>): NameValue[] => Object.entries(headers).map(([name, value]) => ({ name, value }));

function queryOf(url: string): NameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
