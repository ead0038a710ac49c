import { describe, expect, it } from "vitest";
import { communeByExactName } from "./communeByExactName.js";

describe("communeByExactName", () => {
  it("finds the commune whose whole name was typed, case and accents aside", () => {
    expect(communeByExactName("Pontoise", "95")?.code).toBe("95500");
    expect(communeByExactName("pontoise", "95")?.code).toBe("95500");
    expect(communeByExactName("PONTOISE")?.code).toBe("95500");
    expect(communeByExactName("saint etienne", "42")?.nom).toBe("Saint-Étienne");
  });
  it("finds nothing for a beginning, another département, or a name several communes bear", () => {
    expect(communeByExactName("Ponto", "95")).toBeUndefined();
    expect(communeByExactName("Pontoise", "11")).toBeUndefined();
    expect(communeByExactName("Saint-Martin")).toBeUndefined();
    expect(communeByExactName("   ")).toBeUndefined();
  });
});
