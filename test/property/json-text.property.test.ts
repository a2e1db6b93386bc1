import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertJsonText, readJsonText, writeJsonText } from "../../src/primitives/json-text.js";
import { serializeJson } from "../../src/primitives/serialize-json.js";
import { relayoutJson, sortedKeysJson } from "../../src/primitives/json-rewrites.js";

// The iterative JSON readers and writers must agree with V8's own (recursive) ones wherever those work.
const runs = { numRuns: 300 };
const aJsonValue = fc.jsonValue({ maxDepth: 6 });

/** Keys in sorted order, as Python's sort_keys writes them (an object would put "0" before "" again). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`).join(",")}}`;
}

describe("serializeJson and relayoutJson agree with JSON.stringify", () => {
  it("compact, indented and sorted", () => {
    fc.assert(
      fc.property(aJsonValue, fc.constantFrom("  ", "    ", "\t"), (value, indent) => {
        expect(serializeJson(value)).toBe(JSON.stringify(value));
        expect(serializeJson(value, { indent })).toBe(JSON.stringify(value, null, indent));
        expect(sortedKeysJson(value)).toBe(sortedJson(value));
        expect(relayoutJson(JSON.stringify(value), indent)).toBe(JSON.stringify(value, null, indent));
        expect(relayoutJson(JSON.stringify(value, null, indent))).toBe(JSON.stringify(value));
      }),
      runs,
    );
  });
});

describe("the JSON scanner", () => {
  it("accepts what JSON.parse accepts, and finds every top-level member", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), aJsonValue, { maxKeys: 6 }), fc.constantFrom(undefined, "  "), (record, indent) => {
        const text = JSON.stringify(record, null, indent);
        expect(() => assertJsonText(text)).not.toThrow();
        for (const [key, value] of Object.entries(record)) {
          expect(readJsonText(text, [key])).toBe(JSON.stringify(value, null, indent).replaceAll("\n", `\n${indent ?? ""}`));
          expect(JSON.parse(writeJsonText(text, [key], "0"))[key]).toBe(0);
        }
      }),
      runs,
    );
  });

  it("rejects what JSON.parse rejects, as an input error", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (parses) expect(() => assertJsonText(text)).not.toThrow();
        else expect(() => assertJsonText(text)).toThrow(/not valid JSON/);
      }),
      runs,
    );
  });
});
