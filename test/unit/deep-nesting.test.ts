import { describe, expect, it } from "vitest";
import { parseExpectBody } from "../../src/deliver/expectation.js";
import { assertJsonText, readJsonText, writeJsonText } from "../../src/primitives/json-text.js";
import { jsonPreview, serializeJson } from "../../src/primitives/serialize-json.js";
import { buildRequest, signRequest } from "../../src/sign/sign-request.js";
import { explainFailure } from "../../src/verify/explain/explain-failure.js";
import { mapJsonNumbers, relayoutJson, sortedKeysJson } from "../../src/primitives/json-rewrites.js";
import { verifyRequest } from "../../src/verify/verify-request.js";

// Regression: bodies nested far deeper than any webhook (crafted to break whoever reads them) made
// JSON.stringify, the recursive JSON scanner and explain's re-layouts throw RangeError or run out of
// memory. Everything that reads a body now keeps nesting on its own stack, and bounds what it builds.

const DEPTH = 100_000;
const deepArray = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`;
const aSecret = "whk-deep-secret";

function deepValue(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("JSON text edited in place, nested 100,000 levels", () => {
  it("reads, checks and writes a value at any depth without recursion", () => {
    expect(() => assertJsonText(deepArray)).not.toThrow();
    expect(readJsonText(deepObject, ["a", "a", "a"])).toBe(`${'{"a":'.repeat(DEPTH - 3)}1${"}".repeat(DEPTH - 3)}`);
    const edited = writeJsonText(`{"deep":${deepArray},"amount":1}`, ["amount"], "2");
    expect(edited.endsWith(',"amount":2}')).toBe(true);
  });

  it("says where an unclosed deep body goes wrong, as an input error", () => {
    expect(() => assertJsonText("[".repeat(DEPTH))).toThrow(/not valid JSON: unexpected character at position 100000/);
  });
});

describe("serializeJson", () => {
  it("writes a value nested 100,000 levels deep, where JSON.stringify overflows the stack", () => {
    const value = JSON.parse(deepObject) as unknown;
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(serializeJson(value)).toBe(deepObject);
    expect(sortedKeysJson(value)).toBe(deepObject);
  });

  it("gives up past maxLength instead of building gigabytes of indentation", () => {
    expect(serializeJson(deepValue(DEPTH), { indent: "  ", maxLength: 1_000_000 })).toBeUndefined();
    expect(relayoutJson(deepObject, "  ", false, 1_000_000)).toBeUndefined();
    expect(relayoutJson(deepObject, undefined, false, deepObject.length)).toBe(deepObject);
  });

  it("previews a deep value in at most the length asked for", () => {
    const preview = jsonPreview(deepValue(DEPTH), 20);
    expect(preview).toBe(`${'{"a":'.repeat(4)}...`);
  });

  it("maps numbers of a deep body in one pass", () => {
    expect(mapJsonNumbers(deepObject, (token) => `${token}.0`).text).toBe(`${'{"a":'.repeat(DEPTH)}1.0${"}".repeat(DEPTH)}`);
  });
});

describe("verify of a body nested 100,000 levels", () => {
  const signed = (body: string) => signRequest(buildRequest({ provider: "fazz", url: "http://127.0.0.1:3000/", body }), { provider: "fazz", secret: aSecret });

  it("answers valid when the signature matches", () => {
    expect(verifyRequest(signed(deepObject), { secret: aSecret }).reason).toBe("valid-signature");
  });

  it("answers with a verdict and an explanation when it does not", () => {
    const request = { ...signed(deepArray), body: Buffer.from(`${deepArray}\n`) };
    const result = verifyRequest(request, { secret: aSecret });
    expect(result.reason).toBe("bad-signature");
    expect(result.explain?.cause).toBe("body-trailing-newline");
  });

  it("tries every variation that fits, and says none matched", () => {
    const result = verifyRequest({ ...signed(deepObject), body: Buffer.from(deepObject.replace("1", "2")) }, { secret: aSecret });
    expect(result.explain?.cause).toBe("no-match");
    expect(result.explain?.tried).toBeGreaterThan(5);
  });
});

describe("explain's budget", () => {
  it("stops before re-hashing more than its budget, and says so", () => {
    const body = JSON.stringify({ data: "x".repeat(1000) });
    const request = { ...signRequest(buildRequest({ provider: "fazz", url: "http://127.0.0.1:3000/", body: `${body} ` }), { provider: "fazz", secret: aSecret }), body: Buffer.from(body) };
    const explanation = explainFailure({ request, provider: "fazz", secrets: [aSecret], reason: "bad-signature", budgetBytes: 3 * body.length });
    expect(explanation?.cause).toBe("no-match");
    expect(explanation?.tried).toBe(3);
    expect(explanation?.summary).toMatch(/^not explained: the body is 1\d\d\d B, too large to try every common mistake on \(explain re-hashes at most 3 KiB in all; 3 variations tried\)/);
  });

  it("builds no variation of a body larger than the budget: a 200 MB body is not copied once per variation", () => {
    const body = JSON.stringify({ data: "x".repeat(1000) });
    const request = { ...signRequest(buildRequest({ provider: "fazz", url: "http://127.0.0.1:3000/", body: `${body} ` }), { provider: "fazz", secret: aSecret }), body: Buffer.from(`${body}\n`) };
    const explanation = explainFailure({ request, provider: "fazz", secrets: [aSecret], reason: "bad-signature", budgetBytes: body.length });
    expect(explanation?.tried).toBe(0);
    expect(explanation?.summary).toMatch(/^not explained: .*0 variations tried/);
  });
});

describe("an answer nested 100,000 levels deep", () => {
  it("is compared with --expect-body and described, not a crash", () => {
    const rule = parseExpectBody('{"ok":true}');
    expect(rule.check(deepObject)).toMatch(/^expected JSON \{"ok":true\}, got \{"a":\{"a":/);
    expect(rule.check('{ "ok" : true }')).toBeUndefined();
  });
});
