import { communeByHistoricalCode } from "@guichet/refdata";
import { beforeAll, describe, expect, it } from "vitest";
import { FranceConnectError } from "./errors";
import { identityFromFranceConnect, type FranceConnectClaims } from "./mapIdentity";

const today = "2026-11-29";
const marc: FranceConnectClaims = {
  sub: "x",
  given_name: "Marc",
  family_name: "BOYET",
  preferred_username: "",
  birthdate: "1975-05-01",
  gender: "male",
  birthplace: "95500",
  birthcountry: "99100",
  email: "marc.boyet@example.fr",
};

function failure(claims: FranceConnectClaims): FranceConnectError {
  try {
    identityFromFranceConnect(claims, today);
  } catch (error) {
    if (error instanceof FranceConnectError) return error;
    throw error;
  }
  throw new Error("mapped");
}

// The reference data (tens of MB of JSON) loads once per process, as the server does at start.
beforeAll(() => void communeByHistoricalCode("74011"), 60_000);

describe("identityFromFranceConnect", () => {
  it("keeps the names FranceConnect sends as IDENTITÉ keeps typed ones: accents, hyphens, apostrophes as sent, full width as ordinary letters", () => {
    const names = identityFromFranceConnect(
      { ...marc, given_name: "Élodie Lætitia", family_name: "D’ARTAGNAN-SAINT-EXUPÉRY", preferred_username: "ＢＯＹＥＴ" },
      today,
    ).values;
    expect(names).toMatchObject({ prenoms: "Élodie Lætitia", nomNaissance: "D’ARTAGNAN-SAINT-EXUPÉRY", nomUsuel: "BOYET" });
  });

  it("refuses names that would pass for others: mixed scripts, fillers only", () => {
    expect(failure({ ...marc, family_name: "BОYET" }).failure).toBe("claims");
    expect(failure({ ...marc, given_name: "\u3164" }).failure).toBe("claims");
  });

  it("maps Marc BOYET, born in Pontoise, onto IDENTITÉ", () => {
    expect(identityFromFranceConnect(marc, today)).toEqual({
      values: {
        civilite: "Monsieur",
        nomUsuel: "BOYET",
        nomNaissance: "BOYET",
        prenoms: "Marc",
        dateNaissance: "01/05/1975",
        paysNaissance: "FR",
        departementNaissance: "95",
        communeNaissance: "95500",
      },
      email: "marc.boyet@example.fr",
    });
  });

  it("takes the name in use from preferred_username and the birth name from family_name; female is Madame", () => {
    const { values } = identityFromFranceConnect(
      { ...marc, given_name: "Amina Sofia", family_name: "BENALI", preferred_username: "MARTIN", gender: "female" },
      today,
    );
    expect(values).toMatchObject({ civilite: "Madame", nomUsuel: "MARTIN", nomNaissance: "BENALI", prenoms: "Amina Sofia" });
  });

  it("maps a birth abroad to the country, without département nor commune", () => {
    const { values } = identityFromFranceConnect({ ...marc, birthplace: "", birthcountry: "99350" }, today);
    expect(values.paysNaissance).toBe("MA");
    expect(values.departementNaissance).toBeUndefined();
    expect(values.communeNaissance).toBeUndefined();
  });

  it("leads a merged commune's historical code to today's commune and keeps the code as sent", () => {
    const mapped = identityFromFranceConnect({ ...marc, birthplace: "74011" }, today);
    expect(mapped.values).toMatchObject({ departementNaissance: "74", communeNaissance: "74010" });
    expect(mapped.birthplaceAsSent).toEqual({ inseeCode: "74011", nom: "Annecy-le-Vieux" });
  });

  it("maps an overseas birth to its département", () => {
    expect(identityFromFranceConnect({ ...marc, birthplace: "97411" }, today).values).toMatchObject({ departementNaissance: "974", communeNaissance: "97411" });
  });

  it("refuses, in French, an unknown commune code", () => {
    const error = failure({ ...marc, birthplace: "00000" });
    expect(error.failure).toBe("claims");
    expect(error.message).toBe(
      "La commune de naissance transmise par FranceConnect (code INSEE 00000) est inconnue de ce service. Saisissez votre identité ci-dessous.",
    );
    expect(error.detail).toBe("birthplace not found: 00000");
  });

  it("refuses, in French, a country code it cannot map", () => {
    expect(failure({ ...marc, birthplace: "", birthcountry: "99999" }).message).toContain("(code INSEE 99999) n’est pas encore reconnu");
  });

  it.each([
    ["given_name", { given_name: undefined }],
    ["family_name", { family_name: "  " }],
    ["birthdate", { birthdate: undefined }],
    ["gender", { gender: undefined }],
    ["birthcountry", { birthcountry: "" }],
  ])("refuses an identity without %s", (claim, change) => {
    const error = failure({ ...marc, ...change });
    expect(error.detail).toBe(`claims missing: ${claim}`);
    expect(error.message).toMatch(/^L’identité transmise par FranceConnect est incomplète/);
  });

  it("refuses a birth in France without a commune, an unknown gender, a malformed or future date", () => {
    expect(failure({ ...marc, birthplace: "" }).detail).toBe("birthplace missing for a birth in France");
    expect(failure({ ...marc, gender: "other" }).detail).toMatch(/^gender not mapped/);
    expect(failure({ ...marc, birthdate: "01/05/1975" }).detail).toBe("birthdate not in YYYY-MM-DD form");
    expect(failure({ ...marc, birthdate: "2030-01-01" }).detail).toMatch(/dateNaissance/);
    expect(failure({ ...marc, birthdate: "1975-02-31" }).detail).toMatch(/dateNaissance/);
  });

  it("refuses names IDENTITÉ would refuse", () => {
    expect(failure({ ...marc, family_name: "<script>" }).detail).toMatch(/nom/);
  });
});
