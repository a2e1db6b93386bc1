import { describe, expect, it } from "vitest";
import { AnswerReader, HttpAnswerError, type ReadAnswer } from "../../src/deliver/answer-reader.js";

const LIMIT = 64 * 1024;

/** Feeds the text whole, byte by byte, and in three uneven pieces; every way must read the same answer. */
function readEveryWay(text: string, limit = LIMIT): ReadAnswer | undefined {
  const bytes = Buffer.from(text, "latin1");
  const splits: Buffer[][] = [[bytes], [...bytes].map((byte) => Buffer.from([byte])), [bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)]];
  const results = splits.map((pieces) => {
    const reader = new AnswerReader(limit);
    let answer: ReadAnswer | undefined;
    for (const piece of pieces) answer ??= reader.push(piece);
    return answer ?? reader.closed();
  });
  const [first, ...rest] = results.map((answer) => (answer ? { ...answer, body: answer.body.toString("latin1") } : answer));
  for (const other of rest) expect(other).toEqual(first);
  return results[0];
}

function errorOf(text: string): HttpAnswerError {
  const reader = new AnswerReader(LIMIT);
  try {
    reader.push(Buffer.from(text, "latin1"));
    reader.closed();
  } catch (error) {
    if (error instanceof HttpAnswerError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe("AnswerReader: HTTP/1.1 answers, however the bytes arrive", () => {
  it("reads a Content-Length answer, names lower-cased, repeated headers joined", () => {
    const answer = readEveryWay("HTTP/1.1 202 Accepted\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 5\r\n\r\nhello");
    expect(answer).toMatchObject({ status: 202, bodyBytes: 5, truncated: false, reusable: true });
    expect(answer?.headers).toEqual({ "content-type": "text/plain", "set-cookie": "a=1, b=2", "content-length": "5" });
    expect(answer?.body.toString()).toBe("hello");
  });

  it("reads a chunked answer with extensions and trailers", () => {
    const answer = readEveryWay("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
    expect(answer?.body.toString()).toBe("hello world");
    expect(answer).toMatchObject({ status: 200, bodyBytes: 11, reusable: true });
  });

  it("skips informational answers (100, 103) to the final one", () => {
    const answer = readEveryWay("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    expect(answer).toMatchObject({ status: 200, headers: { "content-length": "2" } });
  });

  it("reads no body for 204 and 304, whatever Content-Length says", () => {
    expect(readEveryWay("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n")).toMatchObject({ status: 204, bodyBytes: 0, reusable: true });
    expect(readEveryWay("HTTP/1.1 304 Not Modified\r\n\r\n")).toMatchObject({ status: 304, bodyBytes: 0 });
  });

  it("reads a body without length to the close, and never reuses that connection", () => {
    const answer = readEveryWay("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    expect(answer).toMatchObject({ status: 200, reusable: false });
    expect(answer?.body.toString()).toBe("until the end");
    // A transfer coding other than chunked last: also delimited by the close (RFC 9112 section 6.3).
    expect(readEveryWay("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz")).toMatchObject({ reusable: false, bodyBytes: 3 });
  });

  it("reuses a connection only when HTTP says it stays open", () => {
    expect(readEveryWay("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")?.reusable).toBe(false);
    expect(readEveryWay("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")?.reusable).toBe(false);
    expect(readEveryWay("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n")?.reusable).toBe(true);
    // Bytes after the answer that no request asked for.
    const reader = new AnswerReader(LIMIT);
    expect(reader.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n"))?.reusable).toBe(false);
  });

  it("keeps at most the limit of a body, then stops reading", () => {
    const body = "x".repeat(1000);
    const reader = new AnswerReader(100);
    const answer = reader.push(Buffer.from(`HTTP/1.1 500 Oops\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
    expect(answer).toMatchObject({ status: 500, truncated: true, reusable: false });
    expect(answer?.body.length).toBe(100);
    expect(answer?.bodyBytes).toBeGreaterThan(100);
    const chunked = new AnswerReader(3).push(Buffer.from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    expect(chunked).toMatchObject({ truncated: true });
    expect(chunked?.body.toString()).toBe("hel");
  });

  it("waits for the rest of a head, a chunk or a body split anywhere", () => {
    const reader = new AnswerReader(LIMIT);
    expect(reader.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Le"))).toBeUndefined();
    expect(reader.push(Buffer.from("ngth: 4\r\n\r\nab"))).toBeUndefined();
    expect(reader.push(Buffer.from("cd"))?.body.toString()).toBe("abcd");
    reader.expect();
    expect(reader.push(Buffer.from("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"))).toMatchObject({ status: 201, reusable: true });
  });

  it("a connection closed mid-answer is a reset; closed before any byte, no answer at all", () => {
    const cut = new AnswerReader(LIMIT);
    cut.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    expect(() => cut.closed()).toThrow(expect.objectContaining({ code: "ECONNRESET" }));
    expect(new AnswerReader(LIMIT).closed()).toBeUndefined();
  });

  const malformed: [string, string][] = [
    ["HELLO\r\n\r\n", "HPE_INVALID_CONSTANT"],
    ["HTTP/2 200\r\n\r\n", "HPE_INVALID_CONSTANT"],
    ["HTTP/1.1 20 OK\r\n\r\n", "HPE_INVALID_CONSTANT"],
    ["HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "HPE_INVALID_HEADER_TOKEN"],
    ["HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "HPE_INVALID_HEADER_TOKEN"],
    ["HTTP/1.1 200 OK\r\nX: a\x01b\r\n\r\n", "HPE_INVALID_HEADER_TOKEN"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", "HPE_UNEXPECTED_CONTENT_LENGTH"],
    ["HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HPE_INVALID_CONTENT_LENGTH"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", "HPE_INVALID_CONTENT_LENGTH"],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HPE_INVALID_CHUNK_SIZE"],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "HPE_STRICT"],
    ["HTTP/1.1 101 Switching Protocols\r\n\r\n", "HPE_INVALID_STATUS"],
    [`HTTP/1.1 200 OK\r\nX: ${"a".repeat(17 * 1024)}`, "HPE_HEADER_OVERFLOW"],
  ];
  it.each(malformed.map(([text, code]) => [JSON.stringify(text.slice(0, 60)), text, code]))("refuses what is not HTTP/1.1, with llhttp's codes (a protocol fault): %s", (_shown, text, code) => {
    expect(errorOf(text as string).code).toBe(code);
  });

  it("a repeated Content-Length that agrees is one length", () => {
    expect(readEveryWay("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok")?.body.toString()).toBe("ok");
  });
});
