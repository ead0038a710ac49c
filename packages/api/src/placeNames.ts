import { communeByCode, countryByCode, departements, readableStreetName } from "@guichet/refdata";
import type { PlaceNames } from "@guichet/schema";

/** Codes the flow stores (country, département, INSEE commune) turned back into names for people. */
export type { PlaceNames };

export function placeNames(): PlaceNames {
  const deps = new Map(departements().map((d) => [d.code, d.nom]));
  return {
    country: (code) => countryByCode(code)?.name ?? code,
    departement: (code) => (code ? (deps.has(code) ? `${deps.get(code)} (${code})` : code) : undefined),
    // Stored as FANTOIR writes it, shown as people write it.
    street: (voie) => readableStreetName(voie),
    commune: (code) => (code && /^\d[\dAB]\d{3}$/.test(code) ? communeByCode(code)?.nom : undefined),
  };
}
