import { describe, expect, it } from "vitest";
import { compileFixture } from "../../src/fixtures/compiled-fixture.js";
import { bodyKindOf } from "../../src/primitives/body-text.js";
import { allFixtures, getFixture } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { seededRandom } from "../../src/primitives/random.js";
import { renderFixtureBody, SEEDED_EPOCH } from "../../src/fixtures/render-fixture.js";
import { createRequestFactory } from "../../src/fixtures/request-factory.js";

const aUrl = "http://127.0.0.1:3000/webhooks/in";

describe("compiled fixtures render the same bytes as renderFixtureBody", () => {
  it.each(allFixtures().filter((f) => bodyKindOf(f.headers) === "json").map((f) => [f.id]))("%s", (id) => {
    const fixture = getFixture(id);
    const render = compileFixture(fixture);
    expect(render).toBeDefined();
    // Given the same random stream and clock, rendered three times in a row
    const compiledStream = seededRandom(11);
    const referenceStream = seededRandom(11);
    for (const now of [SEEDED_EPOCH, new Date("2026-01-02T03:04:05.678Z"), new Date("2026-01-02T03:04:05.678Z")]) {
      expect(render!({ random: compiledStream, now })).toBe(renderFixtureBody(fixture, { random: referenceStream, now }));
    }
  });

  it("leaves form bodies to the normal renderer (undefined)", () => {
    expect(compileFixture(getFixture("billplz-bill-paid"))).toBeUndefined();
  });

  it("falls back (undefined) when a dynamic path is missing from the body", () => {
    const fixture = { ...getFixture("fazz-va-dynamic"), dynamic: [{ path: "nope.absent", generate: "uuid" as const }] };
    expect(compileFixture(fixture)).toBeUndefined();
  });
});

describe("createRequestFactory", () => {
  it.each(allFixtures().map((f) => [f.id]))("%s: the same requests as prepareFixtureRequest over one seeded stream", (id) => {
    const make = createRequestFactory({ fixture: id, url: aUrl, seed: 5, options: { accessToken: "tok" }, headers: { "X-Trace": "1" } });
    const stream = seededRandom(5);
    for (let i = 0; i < 3; i++) {
      const expected = prepareFixtureRequest({ fixture: id, url: aUrl, random: stream, now: SEEDED_EPOCH, options: { accessToken: "tok" }, headers: { "X-Trace": "1" } });
      const actual = make();
      expect(actual.body.toString()).toBe(expected.body.toString());
      expect(actual.headers).toEqual(expected.headers);
      expect(actual.fixture).toBe(id);
    }
  });

  it("applies --set overrides up front, or falls back when one touches a dynamic field", () => {
    const set = [{ path: "original_amount", json: '"75"' }];
    const fast = createRequestFactory({ fixture: "paycombat-payout-success", url: aUrl, seed: 9, set })();
    expect(fast.body.toString()).toBe(prepareFixtureRequest({ fixture: "paycombat-payout-success", url: aUrl, seed: 9, set }).body.toString());
    const onDynamic = [{ path: "id", json: '"fixed-id"' }];
    const slow = createRequestFactory({ fixture: "paycombat-payout-success", url: aUrl, seed: 9, set: onDynamic })();
    expect(JSON.parse(slow.body.toString()).id).toBe("fixed-id");
  });

  it("renders fresh ids on every call without a seed", () => {
    const make = createRequestFactory({ fixture: "topremit-va", url: aUrl });
    const [a, b] = [make(), make()];
    expect(a.body.equals(b.body)).toBe(false);
    expect(a.headers["X-EXTERNAL-ID"]).not.toBe(b.headers["X-EXTERNAL-ID"]);
  });
});
