import type { IncomingMessage, RequestOptions } from "node:http";
import { relativeUrl, splitTarget, splitUrl } from "../primitives/url-parts.js";

/**
 * Headers that describe one connection, not the message (RFC 9110 section 7.6.1): never relayed.
 * Content-Length is recomputed from the bytes actually sent.
 */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization"]);

/** Drops hop-by-hop headers (and any the Connection header names) from a rawHeaders list. */
export function endToEndHeaders(raw: readonly string[], alsoDrop: readonly string[] = []): string[] {
  const named = new Set(alsoDrop.map((n) => n.toLowerCase()));
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === "connection") for (const token of (raw[i + 1] ?? "").split(",")) named.add(token.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? "";
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !named.has(lower)) kept.push(name, raw[i + 1] ?? "");
  }
  return kept;
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
  timeoutMs: number;
}

export type ForwardResult =
  | { ok: true; status: number; rawHeaders: string[]; body: Buffer }
  | { ok: false; reason: "connection-refused" | "timeout" | "unreachable"; detail: string };

/** Relays one request with node:http(s) and buffers the app's whole answer. Never rejects. */
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
    timeout: input.timeoutMs,
  };
  return new Promise((resolve) => {
    const outgoing = request(options, (answer: IncomingMessage) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ ok: true, status: answer.statusCode ?? 502, rawHeaders: answer.rawHeaders, body: Buffer.concat(chunks) }));
      answer.on("error", (error) => resolve({ ok: false, reason: "unreachable", detail: `the app's answer broke off: ${error.message}` }));
    });
    outgoing.on("timeout", () => outgoing.destroy(Object.assign(new Error("timeout"), { code: "WHK_TIMEOUT" })));
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") resolve({ ok: false, reason: "connection-refused", detail: `nothing is listening on ${url.origin} (connection refused)` });
      else if (error.code === "WHK_TIMEOUT") resolve({ ok: false, reason: "timeout", detail: `${url.origin} did not answer within ${input.timeoutMs} ms` });
      else resolve({ ok: false, reason: "unreachable", detail: `${url.origin} cannot be reached (${error.code ?? error.message})` });
    });
    outgoing.end(input.body);
  });
}
