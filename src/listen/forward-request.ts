import { localhostLookup } from "../primitives/localhost-lookup.js";
import type { IncomingMessage, RequestOptions } from "node:http";
import { endToEndHeaders } from "../primitives/headers.js";
import { relativeUrl } from "../primitives/url-parts.js";

/** The sender's headers minus hop-by-hop ones, Host pointed at the app, Content-Length recomputed. */
function relayedHeaders(raw: readonly string[], host: string, bodyLength: number): string[] {
  const kept = endToEndHeaders(raw, ["content-length"]);
  const headers: string[] = [];
  let hasHost = false;
  for (let i = 0; i + 1 < kept.length; i += 2) {
    const name = kept[i] ?? "";
    const isHost = name.toLowerCase() === "host";
    hasHost ||= isHost;
    headers.push(name, isHost ? host : (kept[i + 1] ?? ""));
  }
  if (!hasHost) headers.unshift("Host", host);
  const hadFraming = raw.some((name, i) => i % 2 === 0 && /^(content-length|transfer-encoding)$/i.test(name));
  if (bodyLength > 0 || hadFraming) headers.push("Content-Length", String(bodyLength));
  return headers;
}

export interface ForwardInput {
  method: string;
  /** The full URL to relay to (see forwardUrl). */
  url: string;
  rawHeaders: readonly string[];
  body: Buffer;
  /** For the whole exchange, connecting to the last byte of the answer; 0: none. */
  timeoutMs: number;
  /** The largest answer body relayed; past it the exchange is cut and the sender answered 502. */
  maxAnswerBytes: number;
}

export type ForwardResult =
  | { ok: true; status: number; rawHeaders: string[]; body: Buffer }
  | { ok: false; reason: "connection-refused" | "timeout" | "unreachable" | "answer-too-large"; detail: string };

/**
 * Relays one request with node:http(s) and buffers the app's answer, within a size limit and a deadline
 * for the whole exchange (an app that trickles its answer byte by byte is still cut off). Never rejects.
 */
export async function forwardRequest(input: ForwardInput): Promise<ForwardResult> {
  const url = new URL(input.url);
  const { request } = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const headers = relayedHeaders(input.rawHeaders, url.host, input.body.length);
  const options: RequestOptions = {
    method: input.method,
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port,
    path: relativeUrl(input.url),
    headers,
    // Node's sockets try every address a name has (autoSelectFamily is on by default since Node 20).
    lookup: localhostLookup,
  };
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ForwardResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const cut = (result: Extract<ForwardResult, { ok: false }>): void => {
      settle(result);
      outgoing.destroy();
    };
    const deadline = input.timeoutMs > 0 ? setTimeout(() => cut({ ok: false, reason: "timeout", detail: `${url.origin} did not answer within ${input.timeoutMs} ms` }), input.timeoutMs) : undefined;
    const outgoing = request(options, (answer: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > input.maxAnswerBytes) cut({ ok: false, reason: "answer-too-large", detail: `${url.origin} answered with more than ${input.maxAnswerBytes} bytes (--max-body)` });
        else chunks.push(chunk);
      });
      answer.on("end", () => settle({ ok: true, status: answer.statusCode ?? 502, rawHeaders: answer.rawHeaders, body: Buffer.concat(chunks, size) }));
      answer.on("error", (error) => settle({ ok: false, reason: "unreachable", detail: `the app's answer broke off: ${error.message}` }));
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") settle({ ok: false, reason: "connection-refused", detail: `nothing is listening on ${url.origin} (connection refused)` });
      else settle({ ok: false, reason: "unreachable", detail: `${url.origin} cannot be reached (${error.code ?? error.message})` });
    });
    outgoing.end(input.body);
  });
}
