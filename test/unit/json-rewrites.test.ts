import { describe, expect, it } from "vitest";
import { describeBody } from "../../src/verify/explain/describe-body.js";
import { escapeLikeOtherWriters, escapeNonAscii, mapJsonNumbers, relayoutJson, reverseKeyOrder, unescapeUnicode } from "../../src/primitives/json-rewrites.js";

const aValue = { a: [1, { b: "x, y: z" }], e: {}, f: [], g: "é" };

describe("JSON text rewrites used by explain and probe", () => {
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

  const tricky = '{"a":"x/y\\/z","b":{"c":[1,2,{"d":"é<>&\'+","e":1e+10}],"f":"\\u00e9"},"g":[]}';

  it("reverseKeyOrder reverses every object's members and keeps every token verbatim", () => {
    expect(reverseKeyOrder(tricky)).toBe('{"g":[],"b":{"f":"\\u00e9","c":[1,2,{"e":1e+10,"d":"é<>&\'+"}]},"a":"x/y\\/z"}');
    expect(reverseKeyOrder('{ "a" : 1 , "b" : [ ] }')).toBe('{"b":[],"a":1}');
    expect(JSON.parse(reverseKeyOrder(tricky))).toEqual(JSON.parse(tricky));
  });

  it("escapeLikeOtherWriters escapes inside strings only, keeps escapes, and parses back the same", () => {
    expect(escapeLikeOtherWriters(tricky)).toBe('{"a":"x\\/y\\/z","b":{"c":[1,2,{"d":"\\u00e9\\u003c\\u003e\\u0026\\u0027\\u002b","e":1e+10}],"f":"\\u00e9"},"g":[]}');
    expect(escapeLikeOtherWriters('{"id":"abc","n":1,"k":""}', true)).toBe('{"id":"\\u0061bc","n":1,"k":""}');
    for (const text of [escapeLikeOtherWriters(tricky), escapeLikeOtherWriters(tricky, true)]) expect(JSON.parse(text)).toEqual(JSON.parse(tricky));
  });
});

describe("reverseKeyOrder on deep nesting", () => {
  it("reverses a body nested 100,000 levels deep without running out of stack", () => {
    const depth = 100_000;
    const deep = `${'{"b":1,"a":'.repeat(depth)}[]${"}".repeat(depth)}`;
    expect(reverseKeyOrder(deep) === `${'{"a":'.repeat(depth)}[]${',"b":1}'.repeat(depth)}`).toBe(true);
  });
});
