import { describe, expect, it } from "vitest";
import { normalizeAnswer } from "./normalizeAnswer.js";

describe("normalizeAnswer", () => {
  it.each(["sept", "7", " 7 ", "Sept", "SEPT.", " sept  "])("reads %j as 7", (typed) => {
    expect(normalizeAnswer(typed)).toBe("7");
  });

  it.each([
    ["dix-sept", "17"],
    ["Dix sept", "17"],
    ["un", "1"],
    ["Zéro", "0"],
  ])("reads the number word %j as %j", (typed, digits) => {
    expect(normalizeAnswer(typed)).toBe(digits);
  });

  it.each([
    ["  Le BLEU ", "bleu"],
    ["Bleue !", "bleue"],
    ["JANVIER", "janvier"],
    ["l’herbe", "herbe"],
    ["Éte", "ete"],
  ])("ignores accents, case, spaces, punctuation and a leading article in %j", (typed, normal) => {
    expect(normalizeAnswer(typed)).toBe(normal);
  });
});
