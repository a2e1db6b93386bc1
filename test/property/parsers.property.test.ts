import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWhkInputError } from "../../src/primitives/errors.js";
import { getHeader } from "../../src/primitives/headers.js";
import { parseHar } from "../../src/inputs/parse-har.js";
import { parseNdjson } from "../../src/inputs/parse-ndjson.js";
import { parseRawHttp } from "../../src/inputs/parse-raw-http.js";
import { parseRequests } from "../../src/inputs/parse-requests.js";
import { toRequestFile } from "../../src/primitives/request-file.js";

const runs = { numRuns: 300 };

/** Runs `parse`; anything it throws must be whk's own input error, never a TypeError or RangeError. */
function onlyInputErrors(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!isWhkInputError(error)) throw error;
  }
}

const aToken = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const aHeaderValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,30}[\x21-\x7e])?$/);
const aRequest = fc.record({
  path: fc.stringMatching(/^\/[A-Za-z0-9/_.-]{0,20}(\?[a-z]=[0-9]{1,3})?$/),
  headers: fc.dictionary(aToken.filter((n) => !/^(host|content-length|transfer-encoding)$/i.test(n)), aHeaderValue, { maxKeys: 5 }),
  body: fc.uint8Array({ maxLength: 300 }),
});

describe("raw HTTP parser", () => {
  it("reads back any request it is given as raw HTTP/1.1, body byte for byte", () => {
    fc.assert(
      fc.property(aRequest, fc.boolean(), ({ path, headers, body }, crlf) => {
        const eol = crlf ? "\r\n" : "\n";
        const head = [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1:3000", ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`), `Content-Length: ${body.length}`];
        const raw = Buffer.concat([Buffer.from(head.join(eol) + eol + eol, "latin1"), Buffer.from(body)]);
        const [parsed] = parseRawHttp(raw, "capture.http");
        expect(parsed?.request.url).toBe(`http://127.0.0.1:3000${path}`);
        expect(parsed?.request.body.equals(Buffer.from(body))).toBe(true);
        // Names differing only in case are one header, joined under its first spelling (RFC 9110 5.3).
        for (const [name, value] of Object.entries(headers)) expect(getHeader(parsed?.request.headers ?? {}, name)).toContain(value);
      }),
      runs,
    );
  });

  it("reads chunked bodies, however they are split", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (body, sizes) => {
        const chunks: Buffer[] = [];
        let at = 0;
        for (const size of [...sizes, body.length]) {
          if (at >= body.length) break;
          const piece = Buffer.from(body.subarray(at, at + size));
          chunks.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
          at += piece.length;
        }
        const raw = Buffer.concat([Buffer.from("POST /cb HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"), ...chunks, Buffer.from("0\r\n\r\n")]);
        expect(parseRawHttp(raw, "c").at(0)?.request.body.equals(Buffer.from(body))).toBe(true);
      }),
      runs,
    );
  });

  it("throws nothing but whk's input error on any bytes that open like a request", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        onlyInputErrors(() => parseRawHttp(Buffer.concat([Buffer.from("POST / HTTP/1.1\r\n"), Buffer.from(tail)]), "c"));
      }),
      runs,
    );
  });
});

describe("NDJSON parser", () => {
  it("reads back every request line and skips ready/summary lines", () => {
    fc.assert(
      fc.property(fc.array(aRequest, { minLength: 1, maxLength: 5 }), (requests) => {
        const lines = [JSON.stringify({ type: "ready", url: "http://127.0.0.1:1/" })];
        for (const { path, headers, body } of requests) {
          lines.push(JSON.stringify({ type: "request", ...toRequestFile({ method: "POST", url: `http://h${path}`, headers, body: Buffer.from(body) }), verdict: null }));
        }
        lines.push(JSON.stringify({ type: "summary", received: requests.length }));
        const parsed = parseNdjson(lines.join("\n"), "log.ndjson");
        expect(parsed.map((p) => p.request.body.toString("hex"))).toEqual(requests.map((r) => Buffer.from(r.body).toString("hex")));
      }),
      { numRuns: 100 },
    );
  });

  it("throws nothing but whk's input error on any text", () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.json()), { maxLength: 5 }), (lines) => onlyInputErrors(() => parseNdjson(lines.join("\n"), "x"))), runs);
  });
});

describe("HAR parser", () => {
  it("reads back every entry's request", () => {
    fc.assert(
      fc.property(fc.array(aRequest, { minLength: 1, maxLength: 4 }), (requests) => {
        const har = {
          log: {
            version: "1.2",
            entries: requests.map(({ path, headers, body }) => {
              const utf8 = Buffer.from(body).toString("utf8");
              const exact = Buffer.from(utf8, "utf8").equals(Buffer.from(body));
              return {
                request: {
                  method: "POST",
                  url: `http://127.0.0.1:3000${path}`,
                  headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
                  postData: exact ? { mimeType: "application/json", text: utf8 } : { mimeType: "application/octet-stream", text: Buffer.from(body).toString("base64"), encoding: "base64" },
                },
              };
            }),
          },
        };
        const parsed = parseHar(har, "capture.har");
        expect(parsed.map((p) => p.request.body.toString("hex"))).toEqual(requests.map((r) => Buffer.from(r.body).toString("hex")));
      }),
      { numRuns: 100 },
    );
  });

  it("throws nothing but whk's input error on any JSON value", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => onlyInputErrors(() => parseHar({ log: value }, "x"))), runs);
  });
});

describe("any input at all", () => {
  it("parseRequests throws nothing but whk's input error, whatever the bytes", () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.json().map((j) => Buffer.from(j))), (bytes) => onlyInputErrors(() => parseRequests(Buffer.from(bytes), "x"))), runs);
  });
});
