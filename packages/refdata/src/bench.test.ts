import { describe, expect, test } from "vitest";
import { benchReferenceData } from "./bench.js";

describe("benchReferenceData", () => {
  test("reports search latencies and the heap the data takes", async () => {
    const result = await benchReferenceData({ searches: 100 });
    for (const figure of [result.streetP50Ms, result.streetP99Ms, result.communeP50Ms, result.communeP99Ms, result.loadMs]) {
      expect(figure).toBeGreaterThan(0);
      expect(Number.isFinite(figure)).toBe(true);
    }
    expect(result.streetP99Ms).toBeGreaterThanOrEqual(result.streetP50Ms);
    expect(result.heapUsedMb).toBeGreaterThan(1);
  }, 30_000);
});
