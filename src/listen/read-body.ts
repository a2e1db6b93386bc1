import type { IncomingMessage } from "node:http";

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: "too-large"; size: number }
  | { ok: false; reason: "aborted"; size: number };

/** How much of an oversized body is read and thrown away, so the 413 reaches a sender still writing. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`. Past the limit the rest is read and discarded (up to
 * DRAIN_LIMIT) rather than left unread, since closing a socket with unread bytes resets it and the
 * sender would see a connection error instead of the 413.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(request.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes && declared - maxBytes > DRAIN_LIMIT) {
      request.resume();
      resolve({ ok: false, reason: "too-large", size: declared });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
      if (size - maxBytes > DRAIN_LIMIT) {
        request.pause();
        settle({ ok: false, reason: "too-large", size });
      }
    });
    request.on("end", () => {
      settle(size <= maxBytes ? { ok: true, body: Buffer.concat(chunks, size) } : { ok: false, reason: "too-large", size });
    });
    // Node reports a sender that gave up, and its own request timeout (after answering 408), the same way.
    request.on("error", () => settle({ ok: false, reason: "aborted", size }));
    request.on("close", () => {
      if (!request.complete) settle({ ok: false, reason: "aborted", size });
    });
  });
}
