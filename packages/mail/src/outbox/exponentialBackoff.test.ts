import { expect, test } from "vitest";
import { exponentialBackoff } from "./exponentialBackoff.js";

test("the delay doubles from one second and stops at five minutes", () => {
  expect([1, 2, 3, 4, 8, 9, 10, 1000].map((attempts) => exponentialBackoff(attempts))).toEqual([
    1_000, 2_000, 4_000, 8_000, 128_000, 256_000, 300_000, 300_000,
  ]);
});
