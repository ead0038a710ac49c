import {
  ccplmStreetsFile,
  communesByPostalCode,
  countries,
  departements,
  epciMembers,
  loadStreetsFromFile,
  searchCommunes,
  type StreetIndex,
} from "@guichet/refdata";

/** The reference lists the forms offer, with the tenant's streets and territory loaded once. */
export async function createPlaces(options: { epci?: string; streetsFile?: string }) {
  const territory = options.epci ? new Set(epciMembers(options.epci).map((c) => c.code)) : undefined;
  const streets: StreetIndex = await loadStreetsFromFile(options.streetsFile ?? ccplmStreetsFile);
  return {
    countries,
    departements,
    territory,
    communes: (query: string, departement?: string) =>
      searchCommunes(query, { ...(departement ? { departement } : {}), limit: 20 }),
    postalCode: (codePostal: string) => communesByPostalCode(codePostal),
    streets: (query: string, codePostal?: string) =>
      streets.search(query, { ...(codePostal ? { postalCode: codePostal } : {}), limit: 10 }),
  };
}
export type Places = Awaited<ReturnType<typeof createPlaces>>;
