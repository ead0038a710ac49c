import { communeByCode, countryByCode, departements } from "@guichet/refdata";

/** Codes the flow stores (country, département, INSEE commune) turned back into names for people. */
export interface PlaceNames {
  country(code: string): string;
  departement(code: string | undefined): string | undefined;
  commune(code: string | undefined): string | undefined;
}

export function placeNames(): PlaceNames {
  const deps = new Map(departements().map((d) => [d.code, d.nom]));
  return {
    country: (code) => countryByCode(code)?.name ?? code,
    departement: (code) => (code ? (deps.has(code) ? `${deps.get(code)} (${code})` : code) : undefined),
    commune: (code) => (code && /^\d[\dAB]\d{3}$/.test(code) ? communeByCode(code)?.nom : undefined),
  };
}
