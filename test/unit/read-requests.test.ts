import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getHeader } from "../../src/primitives/headers.js";
import { parseHar } from "../../src/inputs/parse-har.js";
import { parseNdjson } from "../../src/inputs/parse-ndjson.js";
import { parseRawHttp } from "../../src/inputs/parse-raw-http.js";
import { parseRequests } from "../../src/inputs/parse-requests.js";
import { readRequests } from "../../src/inputs/read-requests.js";
import { isWhkInputError } from "../../src/primitives/errors.js";
import { parseRequestItems } from "../../src/index.js";

const aBody = '{"id":"contract_12345678","amount":10.50,"name":"Café"}';
const aRequestFile = { method: "POST", url: "http://localhost:3000/cb", headers: { "Xfers-Signature": "ab" }, body: aBody };
const bytes = (text: string) => Buffer.from(text, "utf8");

function inputError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isWhkInputError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an input error");
}

describe("parseRequests: format by content", () => {
  it("reads a request file and keeps the body bytes", () => {
    const [one] = parseRequests(bytes(JSON.stringify(aRequestFile)), "capture.json");
    expect(one?.source).toBe("capture.json");
    expect(one?.request.body.toString("utf8")).toBe(aBody);
  });

  it("reads a request file whose name says nothing (content decides)", () => {
    expect(parseRequests(bytes(JSON.stringify(aRequestFile)), "capture.txt")).toHaveLength(1);
  });

  it("reads a JSON array of request files", () => {
    const requests = parseRequests(bytes(JSON.stringify([aRequestFile, aRequestFile])), "both.json");
    expect(requests.map((r) => r.source)).toEqual(["both.json[0]", "both.json[1]"]);
  });

  it("tells NDJSON from JSON even with a .json name, and skips non-request lines", () => {
    const text = [
      JSON.stringify({ type: "ready", url: "http://127.0.0.1:3000" }),
      JSON.stringify({ type: "request", seq: 1, ...aRequestFile, verdict: { ok: true } }),
      "",
      JSON.stringify({ type: "error", seq: 2 }),
      JSON.stringify({ type: "summary", received: 1 }),
    ].join("\n");
    const requests = parseRequests(bytes(text), "log.json");
    expect(requests.map((r) => r.source)).toEqual(["log.json:2"]);
  });

  it("reads raw HTTP and HAR by their content", () => {
    expect(parseRequests(bytes(`POST /cb HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}`), "x.json")[0]?.request.url).toBe("http://h/cb");
    const har = { log: { entries: [{ request: { method: "POST", url: "http://h/x", headers: [], postData: { text: "{}" } } }] } };
    expect(parseRequests(bytes(JSON.stringify(har)), "x.txt")[0]?.source).toBe("x.txt#1");
  });

  it.each([
    ["an empty file", "", "empty-input", /empty\.json is empty/],
    ["only whitespace", " \n\t", "empty-input", /is empty/],
    ["bad JSON", '{"method":', "bad-json", /empty\.json is not valid JSON/],
    ["no body", '{"method":"POST","url":"http://x/","headers":{}}', "missing-body", /no "body"/],
    ["an unknown format", "hello there", "unknown-input", /not a request file, NDJSON, HAR or raw HTTP/],
    ["an empty array", "[]", "empty-input", /empty JSON array/],
    ["a HAR without entries", '{"log":{"entries":[]}}', "bad-har", /has no entries/],
    ["a HAR without a log.entries array", '{"log":{}}', "bad-har", /log\.entries/],
  ])("rejects %s with one clear input error", (_name, text, code, message) => {
    const error = inputError(() => parseRequests(bytes(text), "empty.json"));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});

describe("parseNdjson", () => {
  it("names the line of a bad record", () => {
    const text = `${JSON.stringify(aRequestFile)}\n{"method":"POST"\n`;
    expect(inputError(() => parseNdjson(text, "log.ndjson")).message).toMatch(/^log\.ndjson line 2 is not valid JSON/);
    const noBody = `${JSON.stringify(aRequestFile)}\n\n${JSON.stringify({ type: "request", method: "POST", url: "http://x/", headers: {} })}`;
    expect(inputError(() => parseNdjson(noBody, "log.ndjson")).message).toMatch(/^log\.ndjson line 3 has no "body"/);
  });

  it("reads a request nested under \"request\", keeping the outer receivedAt", () => {
    const line = JSON.stringify({ type: "request", receivedAt: "2025-05-15T05:34:31.000Z", request: aRequestFile });
    const [one] = parseNdjson(line, "log.ndjson");
    expect(one?.request.receivedAt).toBe("2025-05-15T05:34:31.000Z");
    expect(one?.source).toBe("log.ndjson:1");
  });

  it("refuses a file of only ready and summary lines", () => {
    const text = `${JSON.stringify({ type: "ready" })}\n${JSON.stringify({ type: "summary" })}\n`;
    expect(inputError(() => parseRequests(bytes(text), "log.ndjson")).code).toBe("no-requests");
  });
});

describe("parseHar", () => {
  it("reads every entry: headers (pseudo-headers dropped, repeats joined), base64 postData, startedDateTime", () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: "2025-05-15T05:34:31.000Z",
            request: {
              method: "post",
              url: "https://shop.example/cb?x=1",
              headers: [
                { name: ":authority", value: "shop.example" },
                { name: "X-A", value: "1" },
                { name: "x-a", value: "2" },
              ],
              postData: { mimeType: "application/json", text: Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]).toString("base64"), encoding: "base64" },
            },
          },
          { request: { method: "GET", url: "https://shop.example/", headers: [] } },
        ],
      },
    };
    const [first, second] = parseHar(har, "trace.har");
    expect(first?.request.method).toBe("POST");
    expect(first?.request.headers).toEqual({ "X-A": "1, 2" });
    expect(first?.request.body.toString("hex")).toBe("efbbbf7b7d");
    expect(first?.request.receivedAt).toBe("2025-05-15T05:34:31.000Z");
    expect(second?.request.body.length).toBe(0);
  });

  it("names the entry that is broken", () => {
    expect(inputError(() => parseHar({ log: { entries: [{ request: { url: "http://x" } }] } }, "t.har")).message).toBe('t.har entry 1 has no "request.method"');
  });
});

describe("parseRawHttp", () => {
  const head = (eol: string, extra: string) => [`POST /webhooks/topremit?env=test HTTP/1.1`, "Host: shop.example:8080", "X-TIMESTAMP: t", extra].join(eol) + eol + eol;

  it("reads CRLF heads with Content-Length and keeps the body bytes exact (CRLF and trailing newline included)", () => {
    const body = '{\r\n  "a": "é"\r\n}\n';
    const raw = Buffer.concat([bytes(head("\r\n", `Content-Length: ${Buffer.byteLength(body)}`)), bytes(body)]);
    const [one] = parseRawHttp(raw, "capture.http");
    expect(one?.request.url).toBe("http://shop.example:8080/webhooks/topremit?env=test");
    expect(getHeader(one?.request.headers ?? {}, "x-timestamp")).toBe("t");
    expect(one?.request.body.equals(bytes(body))).toBe(true);
  });

  it("reads bare-LF heads; without Content-Length the body is the rest of the data", () => {
    const raw = Buffer.concat([bytes(head("\n", "Content-Type: application/json")), Buffer.from([0x7b, 0xff, 0x7d])]);
    expect(parseRawHttp(raw, "nc.txt")[0]?.request.body.toString("hex")).toBe("7bff7d");
  });

  it("decodes chunked transfer-encoding (with extensions and trailers)", () => {
    const raw = bytes(`${head("\r\n", "Transfer-Encoding: chunked")}4;ext=1\r\n{"a"\r\n6\r\n:"b c"\r\n1\n}\n0\r\nX-Trailer: 1\r\n\r\n`);
    expect(parseRawHttp(raw, "chunked.http")[0]?.request.body.toString()).toBe('{"a":"b c"}');
  });

  it("reads several length-delimited requests in a row, and ignores a response after them", () => {
    const one = `POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}`;
    const raw = bytes(`${one}${one.replace("/a", "/b")}\r\nHTTP/1.1 200 OK\r\n\r\n`);
    expect(parseRawHttp(raw, "dump.txt").map((r) => [r.source, r.request.url])).toEqual([
      ["dump.txt#1", "http://h/a"],
      ["dump.txt#2", "http://h/b"],
    ]);
  });

  it("keeps an absolute-form target", () => {
    expect(parseRawHttp(bytes("POST http://proxy.example/x HTTP/1.1\r\nContent-Length: 0\r\n\r\n"), "p")[0]?.request.url).toBe("http://proxy.example/x");
  });

  it.each([
    ["a truncated body", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}", /truncated: Content-Length says 10 bytes, 2 follow/],
    ["no blank line after the headers", "POST / HTTP/1.1\r\nHost: h", /no blank line after its headers/],
    ["a bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /bad chunk size/],
    ["a header without a colon", "POST / HTTP/1.1\r\nnot a header\r\n\r\n", /header line without a name/],
  ])("rejects %s", (_name, text, message) => {
    expect(inputError(() => parseRawHttp(bytes(text), "c.http")).message).toMatch(message);
  });
});

describe("readRequests", () => {
  const dir = mkdtempSync(join(tmpdir(), "whk-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a directory's files sorted, skipping dotfiles and subdirectories", () => {
    const captures = join(dir, "captures");
    mkdirSync(join(captures, "nested"), { recursive: true });
    for (const name of ["b.json", "a.json", ".hidden.json"]) writeFileSync(join(captures, name), JSON.stringify(aRequestFile));
    writeFileSync(join(captures, "nested", "c.json"), JSON.stringify(aRequestFile));
    expect(readRequests([captures]).map((r) => r.source)).toEqual([join(captures, "a.json"), join(captures, "b.json")]);
  });

  it("reads every byte of a directory's files, small and larger than one read, each on its own", () => {
    const mixed = join(dir, "mixed");
    mkdirSync(mixed);
    // One of exactly 64 KiB, the size of one read: it fills the buffer, so it is read again in full.
    const fill = 64 * 1024 - JSON.stringify({ ...aRequestFile, body: '{"pad":""}' }).length;
    const bodies = ["{}", `{"note":"${"é".repeat(40_000)}"}`, aBody, `{"pad":"${"x".repeat(fill)}"}`];
    bodies.forEach((body, i) => writeFileSync(join(mixed, `${i}.json`), JSON.stringify({ ...aRequestFile, body })));
    expect(JSON.stringify({ ...aRequestFile, body: bodies[3] }).length).toBe(64 * 1024);
    expect(readRequests([mixed]).map((r) => r.request.body.toString("utf8"))).toEqual(bodies);
  });

  it("reads several paths in order, and - from the given stdin", () => {
    const file = join(dir, "one.json");
    writeFileSync(file, JSON.stringify(aRequestFile));
    const requests = readRequests([file, "-"], { readStdin: () => bytes(JSON.stringify(aRequestFile)) });
    expect(requests.map((r) => r.source)).toEqual([file, "stdin"]);
  });

  it("says which path does not exist, and refuses an empty directory", () => {
    expect(inputError(() => readRequests([join(dir, "nope.json")]))).toEqual({ code: "missing-file", message: `${join(dir, "nope.json")} does not exist` });
    mkdirSync(join(dir, "empty"));
    expect(inputError(() => readRequests([join(dir, "empty")])).code).toBe("empty-directory");
  });
});

describe("parseRequestItems, as the library exports it", () => {
  it("reads past a request that cannot be read: one item per request, the request or why", () => {
    const items = parseRequestItems(bytes(`${JSON.stringify(aRequestFile)}\nnot json\n`), "log.ndjson");
    expect(items.map((item) => ("error" in item ? { source: item.source, unreadable: item.error.code } : { source: item.source, format: item.format }))).toEqual([
      { source: "log.ndjson:1", format: "ndjson" },
      { source: "log.ndjson:2", unreadable: expect.any(String) },
    ]);
  });
});
