import { describe, expect, it } from "vitest";
import { hashAnswer } from "./hashAnswer.js";

describe("hashAnswer", () => {
  it("hashes the same answer differently for two challenges", () => {
    expect(hashAnswer("challenge-1", "7")).not.toBe(hashAnswer("challenge-2", "7"));
  });

  it("gives the same hash for the same challenge and answer", () => {
    expect(hashAnswer("challenge-1", "7")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAnswer("challenge-1", "7")).toBe(hashAnswer("challenge-1", "7"));
  });
});
