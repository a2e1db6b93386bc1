import { describe, expect, it } from "vitest";
import { parseByteSize, formatByteSize } from "../../src/primitives/byte-size.js";
import { captureFileName } from "../../src/listen/capture-writer.js";
import { endToEndHeaders } from "../../src/primitives/headers.js";
import { forwardUrl } from "../../src/primitives/url-parts.js";
import { headersFromRaw } from "../../src/listen/headers-from-raw.js";

describe("parseByteSize", () => {
  it.each([
    ["1048576", 1_048_576],
    ["512kb", 524_288],
    ["1mb", 1_048_576],
    ["1.5MiB", 1_572_864],
    ["10 KB", 10_240],
    ["7b", 7],
  ])("reads %s as %i bytes", (text, bytes) => expect(parseByteSize(text, "--max-body")).toBe(bytes));

  it.each(["", "lots", "1tb", "-1", "0", "0.1b"])("rejects %j with an input error", (text) => {
    expect(() => parseByteSize(text, "--max-body")).toThrow(/--max-body/);
  });

  it("formats sizes for output lines", () => {
    expect([formatByteSize(512), formatByteSize(1536), formatByteSize(1_048_576)]).toEqual(["512 B", "1.5 KiB", "1 MiB"]);
  });
});

describe("headersFromRaw", () => {
  it("keeps names as sent and in order, joining repeats under the first spelling", () => {
    const headers = headersFromRaw(["X-Signature", "ab", "content-type", "application/json", "x-signature", "cd", "Accept", "*/*"]);
    expect(Object.entries(headers)).toEqual([
      ["X-Signature", "ab, cd"],
      ["content-type", "application/json"],
      ["Accept", "*/*"],
    ]);
  });

  it("stores a header named __proto__ as a header, not as the prototype", () => {
    const headers = headersFromRaw(["__proto__", "x"]);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(JSON.stringify(headers)).toBe('{"__proto__":"x"}');
  });
});

describe("forwardUrl", () => {
  it.each([
    ["http://localhost:8080", "/webhooks/topremit?env=test", "http://localhost:8080/webhooks/topremit?env=test"],
    ["http://localhost:8080/", "/a//b?x=%20y", "http://localhost:8080/a//b?x=%20y"],
    ["http://localhost:8080/api/cb", "/webhooks/x?env=test", "http://localhost:8080/api/cb?env=test"],
    ["http://localhost:8080/api/cb?own=1", "/webhooks/x?env=test", "http://localhost:8080/api/cb?own=1"],
    ["https://app.test/?only=query", "/p", "https://app.test/?only=query"],
  ])("forwards to %s + %s as %s", (base, target, expected) => expect(forwardUrl(base, target)).toBe(expected));
});

describe("endToEndHeaders", () => {
  it("drops hop-by-hop headers and those the Connection header names", () => {
    const raw = ["Host", "h", "Connection", "keep-alive, X-Hop", "X-Hop", "1", "Transfer-Encoding", "chunked", "Keep-Alive", "timeout=5", "X-Signature", "ab", "TE", "trailers"];
    expect(endToEndHeaders(raw)).toEqual(["Host", "h", "X-Signature", "ab"]);
  });
});

describe("captureFileName", () => {
  it("sorts by arrival and names the provider", () => {
    expect(captureFileName("2025-05-15T05:34:31.123Z", 42, "topremit")).toBe("20250515T053431123Z-000042-topremit.json");
    expect(captureFileName("2025-05-15T05:34:31.123Z", 1, null)).toBe("20250515T053431123Z-000001-unknown.json");
  });
});
