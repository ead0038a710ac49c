import { ccplmStreetsFile, communesByPostalCode, countries, loadStreetsFromFile, searchCommunes, type StreetIndex } from "@guichet/refdata";
import { displayedDepartements } from "./placeNames";

/** The reference lists the forms offer, with the tenant's streets loaded once. */
export async function createPlaces(options: { streetsFile?: string } = {}) {
  const streets: StreetIndex = await loadStreetsFromFile(options.streetsFile ?? ccplmStreetsFile);
  // Shown in a list, so named as people read them; built once.
  const departements = displayedDepartements();
  return {
    countries,
    departements: () => departements,
    communes: (query: string, departement?: string) => searchCommunes(query, { ...(departement ? { departement } : {}), limit: 20 }),
    postalCode: (codePostal: string) => communesByPostalCode(codePostal),
    streets: (query: string, codePostal?: string) => streets.search(query, { ...(codePostal ? { postalCode: codePostal } : {}), limit: 10 }),
  };
}
export type Places = Awaited<ReturnType<typeof createPlaces>>;
