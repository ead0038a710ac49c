import { describe, expect, test } from "vitest";
import { communesByPostalCode } from "./communesByPostalCode.js";

describe("communesByPostalCode", () => {
  test("lists the five communes of 11150 in alphabetical order", () => {
    expect(communesByPostalCode("11150").map((commune) => [commune.code, commune.nom])).toEqual([
      ["11049", "Bram"],
      ["11281", "Pexiora"],
      ["11418", "Villasavary"],
      ["11434", "Villepinte"],
      ["11438", "Villesiscle"],
    ]);
  });

  test("gives [] for an unknown postal code", () => {
    expect(communesByPostalCode("99999")).toEqual([]);
  });

  test("keeps only the INSEE codes it is given", () => {
    expect(communesByPostalCode("11150", { within: ["11049", "11438", "95500"] }).map((commune) => commune.nom)).toEqual(["Bram", "Villesiscle"]);
  });
});
