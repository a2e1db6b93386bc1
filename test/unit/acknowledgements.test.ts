import { describe, expect, it } from "vitest";
import { providers } from "../../src/providers/index.js";

const answer = (status: number, body: string) => ({ status, headers: { "content-type": "application/json" }, body });

describe("acknowledgements are judged as each provider documents them", () => {
  // Paycombat's webhook pages: 200 Success, application/json, {"status": "string"}.
  it.each([
    [answer(200, '{"status":"OK"}'), true],
    [answer(200, '{ "received": 1, "status": "accepted" }'), true],
    [answer(200, "OK"), false],
    [answer(200, ""), false],
    [answer(200, "{}"), false],
    [answer(200, '{"status":1}'), false],
    [answer(200, '["OK"]'), false],
    [answer(201, '{"status":"OK"}'), false],
  ])("Paycombat: %j acknowledged: %s", (given, acknowledged) => {
    expect(providers.paycombat.ack.judge(given).ok).toBe(acknowledged);
  });

  it("Paycombat: a plain-text OK is refused with what was expected", () => {
    expect(providers.paycombat.ack.judge(answer(200, "OK"))).toEqual({ ok: false, why: 'expected a JSON object with a string "status", got a body that is not JSON: "OK"' });
  });

  // Topremit's callback pages: 200 Success, application/json, body "object {0}".
  it.each([
    [answer(200, "{}"), true],
    [answer(200, '{"responseCode":"2002500"}'), true],
    [answer(200, ""), false],
    [answer(200, "OK"), false],
    [answer(200, "null"), false],
    [answer(204, "{}"), false],
  ])("Topremit: %j acknowledged: %s", (given, acknowledged) => {
    expect(providers.topremit.ack.judge(given).ok).toBe(acknowledged);
  });

  it("what whk listen answers in their place is itself an acknowledgement", () => {
    for (const provider of Object.values(providers)) {
      const { status, headers, body } = provider.ack.response;
      expect(provider.ack.judge({ status, headers, body }), provider.name).toEqual({ ok: true });
    }
  });
});
