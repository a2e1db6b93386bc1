import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/cli/commands/listen/pacer.js";

describe("listen's pace: a line each while people can read, counts per second when not", () => {
  const run = (mode: "each" | "counts" | "auto", arrivals: [number, "valid" | "invalid"][]) => {
    const printed: string[] = [];
    let now = 0;
    const pacer = createPacer(mode, (line) => printed.push(line), () => now, 3);
    for (const [at, outcome] of arrivals) {
      now = at;
      pacer.take(outcome, `line at ${at}`);
    }
    pacer.flush();
    return printed;
  };
  const burst = (second: number, n: number, outcome: "valid" | "invalid" = "valid") => Array.from({ length: n }, (_, i) => [second * 1000 + i, outcome] as [number, "valid" | "invalid"]);

  it("each: every request has its line", () => {
    expect(run("each", burst(0, 5))).toHaveLength(5);
  });

  it("auto: lines until the rate passes the limit, then a counts line, then lines again at a readable rate", () => {
    const printed = run("auto", [...burst(0, 5), ...burst(0, 2, "invalid").map(([at, o]) => [at + 100, o] as [number, "valid" | "invalid"]), ...burst(1, 1), ...burst(2, 2)]);
    expect(printed.slice(0, 3)).toEqual(["line at 0", "line at 1", "line at 2"]);
    // The burst of second 0 and the one request of second 1 (still counting: second 0 was too fast) are counted.
    expect(printed.filter((l) => l.includes("requests:")).join()).toMatch(/5 requests: 3 valid, 2 invalid/);
    expect(printed.slice(-2)).toEqual(["line at 2000", "line at 2001"]);
  });

  it("counts: only counts, whatever the rate", () => {
    expect(run("counts", burst(0, 2))).toEqual([expect.stringMatching(/ 2 requests: 2 valid$/)]);
  });
});
