/** A commune of the official split of France (INSEE's Code officiel géographique). */
export interface Commune {
  /** INSEE code, e.g. "95500" for Pontoise, "2A004" for Ajaccio. */
  readonly code: string;
  readonly nom: string;
  /** Code of its département: "95", "2A", "971". */
  readonly departement: string;
  /** Its postal codes; a few uninhabited overseas districts have none. */
  readonly codesPostaux: readonly string[];
}
