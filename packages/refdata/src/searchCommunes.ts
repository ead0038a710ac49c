import type { Commune } from "./commune.js";
import { communeCatalogue } from "./communeCatalogue.js";
import { parseQuery } from "./parseQuery.js";

export interface SearchCommunesOptions {
  /** Only communes of this département ("95", "2A"). */
  departement?: string;
  /** At most this many results; 10 by default. */
  limit?: number;
}

/**
 * Current communes whose name words begin with the typed words, ignoring case, accents and
 * punctuation ("saint etienne" finds Saint-Étienne). Best first: the whole name, then names that
 * start with the query, then larger towns.
 */
export function searchCommunes(query: string, options: SearchCommunesOptions = {}): Commune[] {
  const { communes, index } = communeCatalogue();
  const departement = options.departement?.trim().toUpperCase();
  const accept = departement === undefined ? undefined : (id: number) => communes[id]?.departement === departement;
  return index.search(parseQuery(query), options.limit ?? 10, accept).map((id) => communes[id] as Commune);
}
