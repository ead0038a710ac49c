import { describe, expect, test } from "vitest";
import { loadStreetsFromBanCsv } from "./loadStreetsFromBanCsv.js";

// A slice of a real BAN export: columns in the BAN's order (not ours), many we ignore, one row per house number.
const ban = [
  "\uFEFFid;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat;nom_afnor",
  "11049_0420_00001;11049_0420;1;;Avenue du Général de Gaulle;11150;11049;Bram;2.11;43.24;AVENUE DU GENERAL DE GAULLE",
  "11049_0420_00003;11049_0420;3;;Avenue du Général de Gaulle;11150;11049;Bram;2.11;43.24;AVENUE DU GENERAL DE GAULLE",
  '11049_0600_00002;11049_0600;2;bis;"Rue de l\'Église; place";11150;11049;Bram;2.11;43.24;RUE DE L EGLISE',
  "11418_0100_00005;11418_0100;5;;Rue de la Poste;11150;11418;Villasavary;2.03;43.22;RUE DE LA POSTE",
].join("\r\n");

describe("loadStreetsFromBanCsv", () => {
  test("finds its columns by header name, whatever their order, and ignores the others", () => {
    const index = loadStreetsFromBanCsv(ban);
    expect(index.streets.find((street) => street.nomCommune === "Villasavary")).toEqual({
      nomVoie: "Rue de la Poste",
      label: "Rue de la Poste — Villasavary (11150)",
      codeInsee: "11418",
      nomCommune: "Villasavary",
      codePostal: "11150",
    });
  });

  test("keeps one street per commune and name however many house numbers it has", () => {
    expect(loadStreetsFromBanCsv(ban).streets.map((street) => street.nomVoie)).toEqual([
      "Avenue du Général de Gaulle",
      "Rue de l'Église; place",
      "Rue de la Poste",
    ]);
  });

  test("keeps the same name in two communes as two streets", () => {
    const csv = "code_insee;nom_commune;code_postal;nom_voie\n11049;Bram;11150;RUE DE LA POSTE\n11418;Villasavary;11150;RUE DE LA POSTE\n";
    expect(loadStreetsFromBanCsv(csv).size).toBe(2);
  });

  test("says in French which columns are missing", () => {
    expect(() => loadStreetsFromBanCsv("code_insee;nom_voie\n11049;RUE X\n")).toThrow(
      "Colonnes manquantes dans le fichier des voies (format BAN) : nom_commune, code_postal.",
    );
  });

  test("refuses an empty file", () => {
    expect(() => loadStreetsFromBanCsv("")).toThrow(/vide/);
  });
});
