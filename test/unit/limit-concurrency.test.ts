import { describe, expect, it } from "vitest";
import { limitConcurrency } from "../helpers/limit-concurrency.js";

describe("limitConcurrency (the gate the receiver e2e test starts its processes through)", () => {
  it("runs at most `limit` tasks at once, every task to the end, in the order they came", async () => {
    const gate = limitConcurrency(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (id: number) => async () => {
      started.push(id);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return id;
    };
    expect(await Promise.all(Array.from({ length: 8 }, (_, id) => gate(task(id))))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("frees the slot of a task that throws", async () => {
    const gate = limitConcurrency(1);
    await expect(gate(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate(async () => "next")).toBe("next");
  });
});
