import { describe, expect, test } from "vitest";
import { departements } from "./departements.js";
import { searchCommunes } from "./searchCommunes.js";

describe("searchCommunes", () => {
  test("finds Pontoise first, in 95 Val-d'Oise", () => {
    const [first] = searchCommunes("pontoise");
    expect(first).toMatchObject({ code: "95500", nom: "Pontoise", departement: "95" });
    expect(departements().find((departement) => departement.code === first?.departement)?.nom).toBe("Val-d'Oise");
  });

  test('finds Saint-Étienne (42) first for "Saint-Etienne" typed without its accent', () => {
    expect(searchCommunes("Saint-Etienne")[0]).toMatchObject({ code: "42218", nom: "Saint-Étienne", departement: "42" });
  });

  test("ignores case, accents and hyphens", () => {
    const codes = ["SAINT-ÉTIENNE", "saint etienne", "saint-étienne"].map((query) => searchCommunes(query)[0]?.code);
    expect(codes).toEqual(["42218", "42218", "42218"]);
  });

  test("matches the beginning of each word, in any order", () => {
    expect(searchCommunes("sain eti")[0]?.nom).toBe("Saint-Étienne");
    expect(searchCommunes("pontoise puiseux")[0]?.nom).toBe("Puiseux-Pontoise");
  });

  test("understands St for Saint", () => {
    expect(searchCommunes("St Etienne")[0]?.nom).toBe("Saint-Étienne");
  });

  test("keeps to the département asked for", () => {
    const results = searchCommunes("saint", { departement: "11", limit: 50 });
    expect(results.length).toBeGreaterThan(10);
    expect(results.every((commune) => commune.departement === "11")).toBe(true);
  });

  test("returns at most the limit, 10 by default", () => {
    expect(searchCommunes("saint")).toHaveLength(10);
    expect(searchCommunes("saint", { limit: 3 })).toHaveLength(3);
  });

  test("gives the same first results as a search that keeps every match", () => {
    // The search skips entries that cannot beat its tenth result: that shortcut must change nothing.
    for (const query of ["s", "sain", "l", "le", "saint e", "mont", "v", "bois", "st", "la b"]) {
      const codes = (limit: number): string[] => searchCommunes(query, { limit }).map((commune) => commune.code);
      expect(codes(10)).toEqual(codes(40_000).slice(0, 10));
    }
  });

  test("returns only current communes, never a delegated one", () => {
    expect(searchCommunes("Saint-Étienne-en-Coglès", { limit: 50 }).map((commune) => commune.nom)).not.toContain("Saint-Étienne-en-Coglès");
  });

  test("returns [] for an empty query or one that matches nothing", () => {
    expect(searchCommunes("  ")).toEqual([]);
    expect(searchCommunes("xqzw")).toEqual([]);
  });
});
