import { describe, expect, it } from "vitest";
import { departements } from "@guichet/refdata";
import { displayedName, placeNames } from "./placeNames";

describe("place names as people read them", () => {
  it("names a département with the typographic apostrophe in the review and Mon espace, the reference data unchanged", () => {
    expect(placeNames().departement("95")).toBe("Val-d’Oise (95)");
    expect(placeNames().departement("21")).toBe("Côte-d’Or (21)");
    expect(departements().find((d) => d.code === "95")?.nom).toBe("Val-d'Oise");
  });
  it("turns only an apostrophe between letters", () => {
    expect(displayedName("Côtes-d'Armor")).toBe("Côtes-d’Armor");
    expect(displayedName("L'Isle-Adam")).toBe("L’Isle-Adam");
    expect(displayedName("'quoted'")).toBe("'quoted'");
  });
});
