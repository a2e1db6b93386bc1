import { describe, expect, it } from "vitest";
import { describeBody } from "../../src/verify/explain/describe-body.js";
import { escapeNonAscii, mapJsonNumbers, relayoutJson, unescapeUnicode } from "../../src/verify/explain/json-rewrites.js";

const aValue = { a: [1, { b: "x, y: z" }], e: {}, f: [], g: "é" };

describe("JSON text rewrites used by explain", () => {
  it("relayoutJson lays out exactly as JSON.stringify does, keeping tokens verbatim", () => {
    const compact = JSON.stringify(aValue);
    expect(relayoutJson(compact, "  ")).toBe(JSON.stringify(aValue, null, 2));
    expect(relayoutJson(JSON.stringify(aValue, null, 4))).toBe(compact);
    expect(relayoutJson(compact, undefined, true)).toBe('{"a": [1, {"b": "x, y: z"}], "e": {}, "f": [], "g": "é"}');
    expect(relayoutJson('{"n":10.50}', "  ")).toBe('{\n  "n": 10.50\n}');
  });

  it("mapJsonNumbers changes numbers outside strings only, and reports the first change", () => {
    expect(mapJsonNumbers('{"id":"10.50","n":10.50,"m":-1e3}', (t) => String(Number(t)))).toEqual({ text: '{"id":"10.50","n":10.5,"m":-1000}', first: { from: "10.50", to: "10.5" } });
  });

  it("escapes and unescapes \\uXXXX without touching escaped backslashes, quotes or controls", () => {
    expect(escapeNonAscii('{"a":"é😀"}')).toBe('{"a":"\\u00e9\\ud83d\\ude00"}');
    expect(unescapeUnicode('{"a":"\\u00e9\\ud83d\\ude00","b":"\\\\u00e9","c":"\\u0022\\u000a"}')).toBe('{"a":"é😀","b":"\\\\u00e9","c":"\\u0022\\u000a"}');
  });

  it("describeBody names layout, BOM, line endings and a final newline", () => {
    expect(describeBody(Buffer.from('{"a":1}'))).toBe("7 bytes, compact");
    expect(describeBody(Buffer.from('\uFEFF{\r\n\t"a": 1\r\n}\n'))).toBe("17 bytes, tab indentation, starts with a byte-order mark, CRLF line endings, ends with a newline");
  });
});
