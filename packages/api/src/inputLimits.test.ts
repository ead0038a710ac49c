import { describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { jsonLimitProblem, MAX_STEP_BYTES, MAX_STEP_DEPTH } from "./inputLimits";

/** `depth` levels of objects, the outermost counted as the first, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = { leaf: "x" };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe("the limits of one step's values", () => {
  it("accepts as many levels as the limit and refuses one more", () => {
    expect(jsonLimitProblem(nested(MAX_STEP_DEPTH))).toBeUndefined();
    expect(jsonLimitProblem(nested(MAX_STEP_DEPTH + 1))).toBe(fr.errors.tooDeep);
    expect(jsonLimitProblem([[[[[[[[[1]]]]]]]]])).toBe(fr.errors.tooDeep);
  });

  it("refuses 100,000 levels without overflowing the call stack", () => {
    expect(jsonLimitProblem(nested(100_000))).toBe(fr.errors.tooDeep);
  });

  it("measures the size on the JSON in UTF-8", () => {
    expect(jsonLimitProblem({ v: "x".repeat(MAX_STEP_BYTES - 20) })).toBeUndefined();
    expect(jsonLimitProblem({ v: "é".repeat(MAX_STEP_BYTES / 2) })).toBe(fr.errors.tooLarge);
    expect(jsonLimitProblem({ v: Array.from({ length: 5_000 }, () => 1) })).toBeUndefined();
  });
});
