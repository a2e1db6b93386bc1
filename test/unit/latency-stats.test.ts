import { describe, expect, it } from "vitest";
import { latencyStats } from "../../src/deliver/latency-stats.js";

describe("latencyStats", () => {
  it("gives nearest-rank percentiles of 1..100", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyStats(samples)).toEqual({ count: 100, min: 1, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it("handles one sample and none", () => {
    expect(latencyStats([7])).toMatchObject({ p50: 7, p99: 7, min: 7, max: 7 });
    expect(latencyStats([])).toEqual({ count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
