import { readableStreetName } from "./readableStreetName.js";
import { normalizeForSearch } from "./normalizeForSearch.js";
import { parseQuery } from "./parseQuery.js";
import type { Street } from "./street.js";
import { searchTokens } from "./searchTokens.js";
import { TokenIndex } from "./tokenIndex.js";

/** One row of a street file: what a Street is made from. */
export type StreetRow = Omit<Street, "label">;

export interface StreetSearchOptions {
  /** Only streets of this postal code (the citizen typed it first). */
  postalCode?: string;
  /** Only streets of this commune (INSEE code). */
  codeInsee?: string;
  /** At most this many results; 10 by default. */
  limit?: number;
}

/**
 * The streets of a territory, searchable as a citizen types. Results only ever come from the
 * loaded rows: a name is never rewritten, only matched ("general de gaulle" finds
 * "AVENUE GEN DE GAULLE").
 */
export class StreetIndex {
  /** One per (commune, name), in French alphabetical order of name then commune. */
  readonly streets: readonly Street[];
  private readonly index: TokenIndex;

  constructor(rows: Iterable<StreetRow>) {
    const byKey = new Map<string, Street>();
    for (const row of rows) {
      const nomVoie = row.nomVoie.trim().replace(/\s+/g, " ");
      const codeInsee = row.codeInsee.trim();
      if (nomVoie === "" || codeInsee === "") continue;
      // An address file repeats a street on every house number; spelling variants are one street.
      const key = `${codeInsee}|${normalizeForSearch(nomVoie)}`;
      if (byKey.has(key)) continue;
      const nomCommune = row.nomCommune.trim();
      const codePostal = row.codePostal.trim();
      byKey.set(key, Object.freeze({ nomVoie, label: `${readableStreetName(nomVoie)} — ${nomCommune} (${codePostal})`, codeInsee, nomCommune, codePostal }));
    }
    const collator = new Intl.Collator("fr");
    this.streets = Object.freeze([...byKey.values()].sort((a, b) => collator.compare(a.nomVoie, b.nomVoie) || collator.compare(a.nomCommune, b.nomCommune)));
    this.index = new TokenIndex(this.streets.map((street) => searchTokens(street.nomVoie)));
  }

  get size(): number {
    return this.streets.length;
  }

  /** Streets whose words begin with the typed words, abbreviations understood both ways; best first. */
  search(query: string, options: StreetSearchOptions = {}): Street[] {
    const { postalCode, codeInsee } = options;
    const accept =
      postalCode === undefined && codeInsee === undefined
        ? undefined
        : (id: number) => {
            const street = this.streets[id];
            return (
              street !== undefined &&
              (postalCode === undefined || street.codePostal === postalCode.trim()) &&
              (codeInsee === undefined || street.codeInsee === codeInsee.trim())
            );
          };
    return this.index.search(parseQuery(query), options.limit ?? 10, accept).map((id) => this.streets[id] as Street);
  }
}
