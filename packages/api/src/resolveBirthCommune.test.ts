import { describe, expect, it } from "vitest";
import { resolveBirthCommune } from "./resolveBirthCommune";

describe("resolveBirthCommune", () => {
  it("takes a commune typed in full as chosen, with its département", () => {
    expect(resolveBirthCommune({ paysNaissance: "FR", departementNaissance: "95", communeNaissance: "Pontoise" })).toMatchObject({
      communeNaissance: "95500",
      departementNaissance: "95",
    });
    expect(resolveBirthCommune({ communeNaissance: "PONTOISE" })).toMatchObject({ communeNaissance: "95500", departementNaissance: "95" });
  });
  it("leaves a code, a beginning, an ambiguous name and a birth abroad as they are", () => {
    const left = [
      { paysNaissance: "FR", communeNaissance: "95500" },
      { paysNaissance: "FR", departementNaissance: "95", communeNaissance: "Ponto" },
      { paysNaissance: "FR", communeNaissance: "Saint-Martin" },
      { paysNaissance: "BE", communeNaissance: "Pontoise" },
    ];
    for (const values of left) expect(resolveBirthCommune(values)).toEqual(values);
  });
});
