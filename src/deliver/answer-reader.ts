import { HEADER_NAME } from "../primitives/header-text.js";
import { headersFromPairs, type Headers } from "../primitives/headers.js";

/**
 * Reads HTTP/1.x answers off one connection, fed as the bytes arrive, for the load client
 * (load-client.ts). It is strict where llhttp (undici's parser) is strict, and its errors carry
 * llhttp's codes, so a malformed answer is the same `protocol` fault in a load run as in one send.
 * Framing follows RFC 9112 section 6.3: no body for 1xx/204/304, chunked when it is the last transfer
 * coding, else Content-Length, else the body runs until the connection closes.
 */

/** An answer that is not HTTP, or not framed the way HTTP/1.1 says. */
export class HttpAnswerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadAnswer {
  status: number;
  headers: Headers;
  /** The body as received, cut at the reader's limit. */
  body: Buffer;
  /** Body bytes received (more than `body.length` when truncated). */
  bodyBytes: number;
  /** Reading stopped at the limit: the rest was not read, and the connection cannot be reused. */
  truncated: boolean;
  /** The connection can carry the next request (HTTP/1.1 without `Connection: close`, nothing left over). */
  reusable: boolean;
}

/** Node's and undici's default limit for a header section (status line, headers, trailers). */
export const MAX_HEAD_BYTES = 16 * 1024;
const MAX_CHUNK_LINE = 1024;

const HEAD_END = Buffer.from("\r\n\r\n");
const LINE_END = Buffer.from("\r\n");
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\0-\x08\x0a-\x1f\x7f]*)?$/;
const FIELD_VALUE_BAD = /[\0-\x08\x0a-\x1f\x7f]/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,12})(?:[ \t]*;.*)?$/;

const HEAD = 0;
const FIXED = 1;
const CHUNK_LINE = 2;
const CHUNK_DATA = 3;
const CHUNK_END = 4;
const TRAILERS = 5;
const UNTIL_CLOSE = 6;
type State = typeof HEAD | typeof FIXED | typeof CHUNK_LINE | typeof CHUNK_DATA | typeof CHUNK_END | typeof TRAILERS | typeof UNTIL_CLOSE;

/** A comma-separated header value's tokens, lowercased and trimmed. */
const tokensOf = (value: string | undefined): string[] => (value === undefined ? [] : value.split(",").map((token) => token.trim().toLowerCase()));

interface Head {
  status: number;
  headers: Headers;
  minor: number;
  /** Body framing: "none", a byte count, "chunked" or "close". */
  framing: "none" | "chunked" | "close" | number;
}

function parseHead(text: string): Head {
  const lines = text.split("\r\n");
  const statusLine = STATUS_LINE.exec(lines[0] ?? "");
  if (!statusLine) throw new HttpAnswerError("HPE_INVALID_CONSTANT", `the status line is not "HTTP/1.1 <code> <reason>": ${JSON.stringify((lines[0] ?? "").slice(0, 80))}`);
  const status = Number(statusLine[2]);
  const pairs: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (!HEADER_NAME.test(name)) throw new HttpAnswerError("HPE_INVALID_HEADER_TOKEN", `invalid header line ${JSON.stringify(line.slice(0, 80))}`);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    if (FIELD_VALUE_BAD.test(value)) throw new HttpAnswerError("HPE_INVALID_HEADER_TOKEN", `header ${name} has a control character in its value`);
    pairs.push([name.toLowerCase(), value]);
  }
  const headers = headersFromPairs(pairs);
  return { status, headers, minor: Number(statusLine[1]), framing: framingOf(status, headers) };
}

function framingOf(status: number, headers: Headers): Head["framing"] {
  if (status < 200 || status === 204 || status === 304) return "none";
  const transfer = headers["transfer-encoding"];
  const length = headers["content-length"];
  if (transfer !== undefined) {
    if (length !== undefined) throw new HttpAnswerError("HPE_UNEXPECTED_CONTENT_LENGTH", "the answer has both Transfer-Encoding and Content-Length");
    return tokensOf(transfer).at(-1) === "chunked" ? "chunked" : "close";
  }
  if (length === undefined) return "close";
  // A repeated Content-Length arrives joined ("12, 12"): every copy must agree.
  const copies = new Set(tokensOf(length));
  const only = [...copies][0] ?? "";
  if (copies.size !== 1 || !/^\d{1,15}$/.test(only)) throw new HttpAnswerError("HPE_INVALID_CONTENT_LENGTH", `invalid Content-Length ${JSON.stringify(length.slice(0, 40))}`);
  return Number(only);
}

/**
 * One connection's reader: `push` each chunk received; it returns the answer once it is complete.
 * `closed` says the connection ended, which completes an answer whose body runs until the close.
 * `expect` readies it for the next request's answer.
 */
export class AnswerReader {
  private state: State = HEAD;
  private pending: Buffer | undefined;
  private head: Head | undefined;
  private remaining = 0;
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private received = 0;

  constructor(private readonly limit: number) {}

  /** Ready for the next answer on the same connection. */
  expect(): void {
    this.state = HEAD;
    this.pending = undefined;
    this.head = undefined;
    this.kept = [];
    this.keptBytes = 0;
    this.received = 0;
  }

  /** Whether any byte of an answer has arrived (an answer cut short, rather than none at all). */
  get started(): boolean {
    return this.head !== undefined || (this.pending?.length ?? 0) > 0;
  }

  push(chunk: Buffer): ReadAnswer | undefined {
    let data = this.pending && this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let at = 0;
    for (;;) {
      switch (this.state) {
        case HEAD: {
          const end = data.indexOf(HEAD_END, at);
          if (end < 0) return this.wait(data, at, MAX_HEAD_BYTES, "HPE_HEADER_OVERFLOW", "the answer's headers are larger than 16 KiB");
          if (end - at > MAX_HEAD_BYTES) throw new HttpAnswerError("HPE_HEADER_OVERFLOW", "the answer's headers are larger than 16 KiB");
          const head = parseHead(data.toString("latin1", at, end));
          at = end + 4;
          if (head.status === 101) throw new HttpAnswerError("HPE_INVALID_STATUS", "the receiver switched protocols (101), which a webhook delivery never asks for");
          // 100 Continue, 103 Early Hints: informational, the final answer follows.
          if (head.status < 200) continue;
          this.head = head;
          if (head.framing === "none") return this.complete(data, at);
          if (head.framing === "chunked") this.state = CHUNK_LINE;
          else if (head.framing === "close") this.state = UNTIL_CLOSE;
          else {
            if (head.framing === 0) return this.complete(data, at);
            this.state = FIXED;
            this.remaining = head.framing;
          }
          continue;
        }
        case FIXED:
        case CHUNK_DATA: {
          const take = Math.min(this.remaining, data.length - at);
          if (take === 0) return undefined;
          if (this.keep(data.subarray(at, at + take))) return this.truncated();
          at += take;
          this.remaining -= take;
          if (this.remaining > 0) return undefined;
          if (this.state === FIXED) return this.complete(data, at);
          this.state = CHUNK_END;
          continue;
        }
        case CHUNK_LINE: {
          const end = data.indexOf(LINE_END, at);
          if (end < 0) return this.wait(data, at, MAX_CHUNK_LINE, "HPE_INVALID_CHUNK_SIZE", "a chunk size line is too long");
          const size = CHUNK_SIZE.exec(data.toString("latin1", at, end));
          if (!size) throw new HttpAnswerError("HPE_INVALID_CHUNK_SIZE", "invalid chunk size in a chunked answer");
          at = end + 2;
          this.remaining = parseInt(size[1] as string, 16);
          this.state = this.remaining === 0 ? TRAILERS : CHUNK_DATA;
          continue;
        }
        case CHUNK_END: {
          if (data.length - at < 2) return this.wait(data, at, 2, "HPE_STRICT", "");
          if (data[at] !== 13 || data[at + 1] !== 10) throw new HttpAnswerError("HPE_STRICT", "a chunk is longer than its size says");
          at += 2;
          this.state = CHUNK_LINE;
          continue;
        }
        case TRAILERS: {
          // No trailers (the usual case), or trailer lines up to an empty one.
          if (data.length - at >= 2 && data[at] === 13 && data[at + 1] === 10) return this.complete(data, at + 2);
          const end = data.indexOf(HEAD_END, at);
          if (end < 0) return this.wait(data, at, MAX_HEAD_BYTES, "HPE_HEADER_OVERFLOW", "the answer's trailers are larger than 16 KiB");
          return this.complete(data, end + 4);
        }
        case UNTIL_CLOSE: {
          if (at < data.length && this.keep(data.subarray(at))) return this.truncated();
          return undefined;
        }
      }
    }
  }

  /** The connection ended. Completes an answer that runs until the close; undefined if none had begun; throws if one was cut short. */
  closed(): ReadAnswer | undefined {
    if (this.state === UNTIL_CLOSE) {
      const answer = this.answer(false);
      answer.reusable = false;
      return answer;
    }
    if (!this.started) return undefined;
    throw Object.assign(new Error("the connection closed in the middle of the answer"), { code: "ECONNRESET" });
  }

  /** Keeps the unread tail for the next chunk, unless it already exceeds what one line or head may be. */
  private wait(data: Buffer, at: number, max: number, code: string, message: string): undefined {
    if (data.length - at > max) throw new HttpAnswerError(code, message);
    this.pending = data.subarray(at);
    return undefined;
  }

  /** Counts body bytes and keeps them up to the limit; true once past it. */
  private keep(bytes: Buffer): boolean {
    this.received += bytes.length;
    const room = this.limit - this.keptBytes;
    if (room > 0) {
      const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
      this.kept.push(kept);
      this.keptBytes += kept.length;
    }
    return this.received > this.limit;
  }

  private truncated(): ReadAnswer {
    const answer = this.answer(true);
    answer.reusable = false;
    return answer;
  }

  private complete(data: Buffer, at: number): ReadAnswer {
    const answer = this.answer(false);
    // Bytes past the answer, with no request asking: the receiver is out of step with this connection.
    if (at < data.length) answer.reusable = false;
    return answer;
  }

  private answer(truncated: boolean): ReadAnswer {
    const head = this.head as Head;
    const connection = tokensOf(head.headers["connection"]);
    const reusable = !truncated && (head.minor === 1 ? !connection.includes("close") : connection.includes("keep-alive"));
    const body = this.kept.length === 1 ? (this.kept[0] as Buffer) : Buffer.concat(this.kept);
    return { status: head.status, headers: head.headers, body, bodyBytes: this.received, truncated, reusable };
  }
}
