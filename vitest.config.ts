import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn the real CLI; two cores, so keep the pool small and steady.
    pool: "forks",
    maxWorkers: 2,
  },
});
