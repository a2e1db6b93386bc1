import { describe, expect, it } from "vitest";
import { TextBytes } from "../../src/primitives/text-bytes.js";

describe("TextBytes", () => {
  it("holds what was appended as UTF-8, growing past its first buffer", () => {
    const out = new TextBytes();
    const pieces: string[] = [];
    for (let i = 0; i < 5000; i++) {
      // One-byte, two-byte, three-byte and surrogate-pair characters, in lines of every length.
      const piece = `✓ ${"x".repeat(i % 97)} é 𝄞 ${i}\n`;
      pieces.push(piece);
      out.append(piece);
    }
    const expected = Buffer.from(pieces.join(""), "utf8");
    expect(expected.length).toBeGreaterThan(64 * 1024);
    expect(out.length).toBe(expected.length);
    expect(out.bytes().equals(expected)).toBe(true);
  });

  it("starts empty, and takes one piece larger than its buffer", () => {
    const out = new TextBytes();
    expect(out.bytes().length).toBe(0);
    const big = "ü".repeat(100_000);
    out.append(big);
    expect(out.bytes().toString("utf8")).toBe(big);
  });
});
