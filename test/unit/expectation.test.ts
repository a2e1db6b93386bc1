import { describe, expect, it } from "vitest";
import { acknowledgementExpectation, explicitExpectation, judgeDelivery, parseExpectBody, parseExpectStatus } from "../../src/deliver/expectation.js";
import { providers } from "../../src/providers/index.js";

const anAnswer = (status: number, body = "") => ({ ok: true as const, status, headers: {}, body });

describe("--expect-status", () => {
  it.each([
    ["200", 200, true],
    ["200", 201, false],
    ["2xx", 204, true],
    ["4xx", 401, true],
    ["4XX", 500, false],
    ["200,201", 201, true],
    ["2xx|401", 401, true],
    [" 200 , 4xx ", 404, true],
  ] as const)("%s vs %i -> %s", (spec, status, matches) => {
    expect(parseExpectStatus(spec).matches(status)).toBe(matches);
  });

  it.each(["", "abc", "20", "6xx", "2xx,", "200-299"])("rejects %j as an input error", (spec) => {
    expect(() => parseExpectStatus(spec)).toThrow(/--expect-status/);
  });
});

describe("--expect-body", () => {
  it("compares JSON as JSON: key order and spacing do not matter", () => {
    const rule = parseExpectBody('{"status":"OK","n":1}');
    expect(rule.check('{ "n": 1, "status": "OK" }')).toBeUndefined();
    expect(rule.check('{"status":"FAIL","n":1}')).toContain("expected JSON");
    expect(rule.check("OK")).toContain("not JSON");
  });

  it("compares anything else as exact text", () => {
    const rule = parseExpectBody("OK");
    expect(rule.check("OK")).toBeUndefined();
    expect(rule.check("OK\n")).toContain('expected body "OK"');
  });
});

describe("judging a delivery", () => {
  it("uses the provider's acknowledgement rule by default", () => {
    const singleview = acknowledgementExpectation(providers.singleview.ack);
    expect(judgeDelivery(anAnswer(200, '{"status":"OK"}'), singleview)).toEqual({ ok: true });
    expect(judgeDelivery(anAnswer(200, "{}"), singleview)).toMatchObject({ ok: false, reason: "not-acknowledged" });
    expect(judgeDelivery(anAnswer(201), acknowledgementExpectation(providers.topremit.ack))).toMatchObject({ ok: false });
  });

  it("checks only the parts given explicitly", () => {
    expect(explicitExpectation(undefined, undefined)).toBeUndefined();
    const status = explicitExpectation("401", undefined)!;
    expect(status.judge(anAnswer(401, "anything"))).toEqual({ ok: true });
    expect(status.judge(anAnswer(200))).toMatchObject({ ok: false, reason: "unexpected-status", why: "expected status 401, got 200" });
    const both = explicitExpectation("4xx", '{"error":"bad signature"}')!;
    expect(both.description).toBe('status 4xx and JSON body {"error":"bad signature"}');
    expect(both.judge(anAnswer(400, '{"error":"other"}'))).toMatchObject({ ok: false, reason: "unexpected-body" });
  });

  it("a body alone keeps the provider's status rule: an HTTP 500 with the right body is no success", () => {
    const fazzLike = explicitExpectation(undefined, "{}", providers.fazz.ack)!;
    expect(fazzLike.description).toBe("status 200 and JSON body {}");
    expect(fazzLike.judge(anAnswer(500, "{}"))).toMatchObject({ ok: false, reason: "unexpected-status", why: "expected status 200, got 500" });
    expect(fazzLike.judge(anAnswer(200, "{}"))).toEqual({ ok: true });
    // A provider that says no more than "2xx", or none at all: any 2xx.
    expect(explicitExpectation(undefined, "{}", providers.singleview.ack)!.judge(anAnswer(202, "{}"))).toEqual({ ok: true });
    expect(explicitExpectation(undefined, "{}")!.judge(anAnswer(500, "{}"))).toMatchObject({ ok: false, reason: "unexpected-status" });
  });

  it("never counts a fault as success", () => {
    const anything = explicitExpectation("2xx|4xx|5xx", undefined)!;
    expect(judgeDelivery({ ok: false, fault: "refused", message: "connection refused" }, anything)).toEqual({ ok: false, reason: "refused", why: "connection refused" });
  });
});
