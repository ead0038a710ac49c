import { describe, expect, test } from "vitest";
import { communeByCode } from "./communeByCode.js";

describe("communeByCode", () => {
  test("finds Pontoise by its INSEE code, with its postal codes", () => {
    expect(communeByCode("95500")).toEqual({ code: "95500", nom: "Pontoise", departement: "95", codesPostaux: ["95000", "95300"] });
  });

  test("knows only current communes, not the delegated ones merged into another", () => {
    // Saint-Étienne-en-Coglès (35267) is a commune déléguée of Maen Roch since 2017.
    expect(communeByCode("35267")).toBeUndefined();
  });
});
