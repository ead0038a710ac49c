import { describe, expect, it } from "vitest";
import { communeByHistoricalCode } from "./communeByHistoricalCode.js";

describe("communeByHistoricalCode", () => {
  it("hands a current commune back as it is", () => {
    expect(communeByHistoricalCode("95500")).toEqual({ commune: expect.objectContaining({ code: "95500", nom: "Pontoise", departement: "95" }) });
  });
  it("leads a commune merged into a commune nouvelle to the commune nouvelle, keeping its old name", () => {
    const found = communeByHistoricalCode("74011");
    expect(found?.commune.code).toBe("74010");
    expect(found?.commune.nom).toBe("Annecy");
    expect(found?.nomHistorique).toBe("Annecy-le-Vieux");
  });
  it("follows an old code that only survives in anciensCodes", () => {
    expect(communeByHistoricalCode("78500")?.commune.code).toBe("95500");
  });
  it("knows nothing of a code that never was", () => {
    expect(communeByHistoricalCode("99999")).toBeUndefined();
    expect(communeByHistoricalCode("")).toBeUndefined();
  });
});
