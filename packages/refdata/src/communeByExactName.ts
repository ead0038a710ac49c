import type { Commune } from "./commune.js";
import { normalizeForSearch } from "./normalizeForSearch.js";
import { searchCommunes } from "./searchCommunes.js";

/**
 * The one current commune whose name is exactly the typed one, case, accents and punctuation aside
 * ("pontoise", "SAINT ETIENNE"), within the département when one is given; undefined when none or several
 * (Saint-Martin is a name, not a commune). What a citizen who typed the whole name meant.
 */
export function communeByExactName(name: string, departement?: string): Commune | undefined {
  const wanted = normalizeForSearch(name);
  if (wanted === "") return undefined;
  // The whole name ranks first: any exact match is among the first results.
  const exact = searchCommunes(name, { ...(departement ? { departement } : {}), limit: 50 }).filter((commune) => normalizeForSearch(commune.nom) === wanted);
  return exact.length === 1 ? exact[0] : undefined;
}
