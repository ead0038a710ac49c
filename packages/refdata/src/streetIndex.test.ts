import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { ccplmStreetsFile } from "./ccplmStreetsFile.js";
import { loadStreetsFromFile } from "./loadStreetsFromFile.js";
import type { StreetIndex } from "./streetIndex.js";

let streets: StreetIndex;
beforeAll(async () => {
  streets = await loadStreetsFromFile(ccplmStreetsFile);
});
const names = (query: string, limit?: number): string[] => streets.search(query, { limit }).map((street) => street.nomVoie);

describe("StreetIndex.search on the CCPLM streets", () => {
  test('finds RUE DE LA POSTE for "rue de la poste", before any other name', () => {
    const results = names("rue de la poste");
    expect(results[0]).toBe("RUE DE LA POSTE");
    expect(results.filter((name) => name === "RUE DE LA POSTE")).toHaveLength(5);
  });

  test('finds RUE DE LA POSTE for "Poste" alone', () => {
    expect(names("Poste")).toContain("RUE DE LA POSTE");
  });

  test.each(["Général de Gaulle", "general de gaulle", "Gal de Gaulle"])('finds both FANTOIR spellings, GEN and GAL, for "%s"', (query) => {
    expect(names(query)).toEqual(["AVENUE GEN DE GAULLE", "RUE DU GAL DE GAULLE"]);
  });

  test('matches the beginning of each word: "av gen de g" finds AVENUE GEN DE GAULLE', () => {
    expect(names("av gen de g")).toEqual(["AVENUE GEN DE GAULLE"]);
  });

  test("finds ST written Saint", () => {
    expect(names("impasse saint roch")).toEqual(["IMPASSE ST ROCH"]);
  });

  test("labels a street as people write it, with its commune and postal code", () => {
    expect(streets.search("rue de la poste", { codeInsee: "11049" })[0]).toEqual({
      nomVoie: "RUE DE LA POSTE",
      label: "Rue de la Poste — Bram (11150)",
      codeInsee: "11049",
      nomCommune: "Bram",
      codePostal: "11150",
    });
  });

  test("keeps to the postal code asked for", () => {
    expect(streets.search("poste", { postalCode: "11150" }).map((street) => street.label)).toEqual([
      "Rue de la Poste — Bram (11150)",
      "Rue de la Poste — Villasavary (11150)",
    ]);
  });

  test("returns at most 10 streets unless told otherwise", () => {
    expect(names("rue")).toHaveLength(10);
    expect(names("rue", 25)).toHaveLength(25);
  });

  test("never returns a name that is not in the file", () => {
    const lines = new Set(
      readFileSync(ccplmStreetsFile, "utf8")
        .split("\n")
        .map((line) => line.split(";").slice(0, 4).join(";")),
    );
    const queries = ["general", "gal de gaulle", "st", "chemin de", "residence", "lot", "eglise", "grande fontaine", "doc"];
    for (const query of queries) {
      for (const street of streets.search(query, { limit: 50 })) {
        expect(lines).toContain(`${street.codeInsee};${street.nomCommune};${street.codePostal};${street.nomVoie}`);
      }
    }
  });

  test("returns [] when nothing matches", () => {
    expect(names("boulevard haussmann")).toEqual([]);
  });
});
