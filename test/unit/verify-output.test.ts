import { describe, expect, it } from "vitest";
import { verifyHumanLines } from "../../src/cli/commands/verify/output.js";
import type { VerifyResult } from "../../src/verify/verify-request.js";

const valid: VerifyResult = {
  ok: true,
  verdict: "valid",
  provider: "fazz",
  detectedBy: "Xfers-Signature header",
  reason: "valid-signature",
  detail: "Xfers-Signature matches HMAC-SHA256 of the 12-byte body",
  warnings: [],
};
const plain = { showPreimage: false };

describe("verify's human lines (colours are off off a terminal)", () => {
  it("a request that verified, in a batch: its one line", () => {
    expect(verifyHumanLines("a.json", valid, false, plain)).toBe("✓ a.json  fazz  valid-signature: Xfers-Signature matches HMAC-SHA256 of the 12-byte body\n");
  });

  it("a request that verified still says what else there is to say", () => {
    expect(verifyHumanLines("a.json", { ...valid, warnings: ["the body fits no documented fazz event"] }, false, plain).split("\n")).toEqual([
      "✓ a.json  fazz  valid-signature: Xfers-Signature matches HMAC-SHA256 of the 12-byte body",
      "    warning: the body fits no documented fazz event",
      "",
    ]);
    expect(verifyHumanLines("a.json", { ...valid, preimage: "{}" }, false, { showPreimage: true })).toContain('\n    string-to-sign (2 bytes): "{}"\n');
    expect(verifyHumanLines("a.json", valid, true, plain)).toContain("\n    detected: Xfers-Signature header\n");
    expect(verifyHumanLines("a.json", { ...valid, timestampJudgedAgainst: "now" }, true, plain)).toContain("\n    note: no receipt time in this capture");
  });

  it("a source a sender chose is written out, never obeyed", () => {
    expect(verifyHumanLines("evil\u001b[2J.json", valid, false, plain)).not.toContain("\u001b");
  });
});
