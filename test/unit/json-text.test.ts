import { describe, expect, it } from "vitest";
import { parseJsonPath, readJsonText, writeJsonText } from "../../src/primitives/json-text.js";
import { minifyJson } from "../../src/primitives/minify-json.js";

describe("editing JSON text in place", () => {
  const aPrettyBody = '{\n  "data": {\n    "id": "order_1",\n    "amount": 1.50,\n    "list": [ {"x": 1}, {"x": 2} ]\n  }\n}\n';

  it("replaces one value and keeps every other byte", () => {
    const edited = writeJsonText(aPrettyBody, parseJsonPath("data.id"), '"order_2"');
    expect(edited).toBe(aPrettyBody.replace('"order_1"', '"order_2"'));
  });

  it("indexes arrays with dots or brackets", () => {
    expect(readJsonText(aPrettyBody, parseJsonPath("data.list.1.x"))).toBe("2");
    expect(readJsonText(aPrettyBody, parseJsonPath("data.list[0].x"))).toBe("1");
  });

  it("keeps number spelling it does not touch", () => {
    expect(readJsonText(aPrettyBody, ["data", "amount"])).toBe("1.50");
  });

  it("appends a new last key to an existing object", () => {
    expect(writeJsonText('{"a":1}', ["b"], "true")).toBe('{"a":1,"b":true}');
    expect(writeJsonText("{}", ["b"], "2")).toBe('{"b":2}');
    expect(JSON.parse(writeJsonText(aPrettyBody, ["data", "note"], '"hi"')).data.note).toBe("hi");
  });

  it("refuses a path through a missing object", () => {
    expect(() => writeJsonText('{"a":1}', ["b", "c"], "1")).toThrow(/no "b.c"/);
  });

  it("does not mistake a key inside a string for a member", () => {
    const tricky = '{"note":"\\"id\\": 1","id":7}';
    expect(writeJsonText(tricky, ["id"], "8")).toBe('{"note":"\\"id\\": 1","id":8}');
  });

  it("reports malformed JSON as an input error", () => {
    expect(() => readJsonText('{"a": }', ["a"])).toThrow(/not valid JSON/);
  });
});

describe("minify (Go json.Compact)", () => {
  it("removes whitespace outside strings only", () => {
    const out = minifyJson(Buffer.from('{ "a b" : "c  d",\n\t"e" : [ 1 , 2 ] }\r\n'));
    expect(out.toString()).toBe('{"a b":"c  d","e":[1,2]}');
  });

  it("handles escaped quotes and leaves non-UTF-8 bytes untouched", () => {
    expect(minifyJson(Buffer.from('{"a": "x\\" y" }')).toString()).toBe('{"a":"x\\" y"}');
    const bytes = Buffer.from([0x7b, 0x20, 0xff, 0xfe, 0x20, 0x7d]);
    expect([...minifyJson(bytes)]).toEqual([0x7b, 0xff, 0xfe, 0x7d]);
  });

  it("gives the empty string for an empty body", () => {
    expect(minifyJson(Buffer.alloc(0)).length).toBe(0);
  });
});
