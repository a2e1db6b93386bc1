import { describe, expect, it } from "vitest";
import { closestNames, editDistance } from "../../src/primitives/closest-names.js";
import { findProvider, getProvider } from "../../src/providers/index.js";
import { getFixture } from "../../src/fixtures/fixture-catalog.js";

describe("did you mean: by similarity, never alphabetically", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("fazz", "fzaz")).toBe(1);
    expect(editDistance("topremit", "toprmeit")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("ranks the closest first and leaves out what is not close", () => {
    expect(closestNames("topremt", ["paycombat", "topremit", "singleview"])).toEqual(["topremit"]);
    expect(closestNames("chaipy", ["chaipay", "paycombat", "fazz"])).toEqual(["chaipay"]);
    expect(closestNames("zzzzzzzz", ["fazz", "chaipay"])).toEqual([]);
    expect(closestNames("topremit-vaa", ["topremit-qris", "topremit-va", "fazz-va-dynamic"])[0]).toBe("topremit-va");
  });
});

describe("provider names", () => {
  it("match in any case, and by alias: xfers is Fazz's former name", () => {
    expect(findProvider("Fazz")?.name).toBe("fazz");
    expect(findProvider("XFERS")?.name).toBe("fazz");
    expect(findProvider("TOPREMIT")?.name).toBe("topremit");
  });

  it("a typo gets the closest names as the hint", () => {
    expect(() => getProvider("fzaz")).toThrow(expect.objectContaining({ hint: expect.stringMatching(/^did you mean fazz\?/) }));
  });

  it("fixture ids match in any case; a typo suggests the closest ids", () => {
    expect(getFixture("Topremit-VA").id).toBe("topremit-va");
    expect(() => getFixture("fazz-va-dynamc")).toThrow(expect.objectContaining({ hint: expect.stringMatching(/^did you mean fazz-va-dynamic/) }));
  });
});
