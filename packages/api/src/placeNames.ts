import { communeByCode, countryByCode, departements, readableStreetName } from "@guichet/refdata";
import type { PlaceNames } from "@guichet/schema";

/** Codes the flow stores (country, département, INSEE commune) turned back into names for people. */
export type { PlaceNames };

/**
 * A name of the reference data as people read it: the official files write "Val-d'Oise", French
 * typography "Val-d’Oise". For display only: codes, and the data searched, stay as they are.
 */
export const displayedName = (name: string) => name.replace(/(\p{L})'(?=\p{L})/gu, "$1’");

/** The départements, named for display ("Côte-d’Or"), codes unchanged. */
export const displayedDepartements = () => departements().map((d) => ({ code: d.code, nom: displayedName(d.nom) }));

export function placeNames(): PlaceNames {
  const deps = new Map(displayedDepartements().map((d) => [d.code, d.nom]));
  return {
    country: (code) => countryByCode(code)?.name ?? code,
    departement: (code) => (code ? (deps.has(code) ? `${deps.get(code)} (${code})` : code) : undefined),
    // Stored as FANTOIR writes it, shown as people write it.
    street: (voie) => readableStreetName(voie),
    commune: (code) => (code && /^\d[\dAB]\d{3}$/.test(code) ? communeByCode(code)?.nom : undefined),
  };
}
