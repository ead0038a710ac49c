import { defineConfig } from "vitest/config";

// Browser tests drive a real server and Chromium: steps take seconds, not milliseconds.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
