import { describe, expect, it } from "vitest";
import { parseRequestFile, toRequestFile } from "../../src/primitives/request-file.js";
import { getHeader } from "../../src/primitives/headers.js";
import { base64Bytes, utf8Bytes } from "../../src/primitives/body-bytes.js";

describe("request file format", () => {
  it("round-trips a UTF-8 body as text", () => {
    const aRequest = { method: "POST", url: "http://localhost:3000/", headers: { "X-Signature": "ab" }, body: Buffer.from('{"a":"é"}') };
    const file = toRequestFile(aRequest);
    expect(file.body).toBe('{"a":"é"}');
    expect(parseRequestFile(JSON.stringify(file), "f").body.equals(aRequest.body)).toBe(true);
  });

  it("uses bodyBase64 for bytes that are not UTF-8", () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    const file = toRequestFile({ method: "POST", url: "http://x/", headers: {}, body: bytes });
    expect(file.body).toBeUndefined();
    expect(parseRequestFile(JSON.stringify(file), "f").body.equals(bytes)).toBe(true);
  });

  it("keeps a BOM and CRLF byte for byte", () => {
    const body = "\uFEFF{\r\n}";
    const parsed = parseRequestFile(JSON.stringify(toRequestFile({ method: "POST", url: "http://x/", headers: {}, body: Buffer.from(body) })), "f");
    expect(parsed.body.toString("hex")).toBe(Buffer.from(body).toString("hex"));
  });

  it("keeps a header named __proto__ (a property-test find)", () => {
    const headers = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>;
    const back = parseRequestFile(JSON.stringify(toRequestFile({ method: "POST", url: "http://x/", headers, body: Buffer.alloc(0) })), "f");
    expect(Object.keys(back.headers)).toEqual(["__proto__", "a"]);
  });

  it("reads header names case-insensitively", () => {
    const parsed = parseRequestFile('{"method":"post","url":"http://x/","headers":{"x-timestamp":"t"},"body":""}', "f");
    expect(getHeader(parsed.headers, "X-TIMESTAMP")).toBe("t");
    expect(parsed.method).toBe("POST");
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["no body", '{"method":"POST","url":"http://x/","headers":{}}', /no "body"/],
    ["wrong shape", '{"method":"POST","url":"http://x/","headers":[],"body":""}', /not a request file/],
    ["bad receivedAt", '{"method":"POST","url":"http://x/","headers":{},"body":"","receivedAt":"yesterday"}', /receivedAt/],
  ])("rejects %s with an input error", (_name, text, message) => {
    expect(() => parseRequestFile(text, "f.json")).toThrow(message);
  });
});

describe("a body as the bytes received", () => {
  it("takes text with a real U+FFFD or a surrogate pair, and refuses a lone surrogate anywhere", () => {
    expect(utf8Bytes("a\ufffdb 😀")?.toString("utf8")).toBe("a\ufffdb 😀");
    for (const lone of ["\ud800", "a\udc00", "\ud83d\ud83d", "\ufffd\udfff"]) expect(utf8Bytes(lone)).toBeUndefined();
  });

  it("takes strict base64 only: padding right or left off, line breaks allowed", () => {
    expect(base64Bytes("eyJhIjoxfQ==")?.toString()).toBe('{"a":1}');
    expect(base64Bytes("eyJhIjox\nfQ")?.toString()).toBe('{"a":1}');
    for (const bad of ["eyJh%Ig==", "eyJhI", "ey=J", "eyJ-", "a===", "eyJhIjoxfQ="]) expect(base64Bytes(bad)).toBeUndefined();
  });

  it("checks base64 of tens of megabytes without overflowing the regex stack", () => {
    const body = Buffer.alloc(20 * 1024 * 1024, 7);
    expect(base64Bytes(body.toString("base64"))?.equals(body)).toBe(true);
  });
});
