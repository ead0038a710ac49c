import { describe, expect, test } from "vitest";
import { communesOfDepartement } from "./communesOfDepartement.js";

describe("communesOfDepartement", () => {
  test("lists the 183 current communes of the Val-d'Oise, Pontoise among them", () => {
    const communes = communesOfDepartement("95");
    expect(communes).toHaveLength(183);
    expect(communes.every((commune) => commune.departement === "95")).toBe(true);
    expect(communes.map((commune) => commune.nom)).toContain("Pontoise");
  });

  test("lists them in French alphabetical order", () => {
    const names = communesOfDepartement("2A").map((commune) => commune.nom);
    expect(names).toEqual([...names].sort(new Intl.Collator("fr").compare));
  });

  test("gives [] for an unknown département", () => {
    expect(communesOfDepartement("00")).toEqual([]);
  });
});
