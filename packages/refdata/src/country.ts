/** A country as the forms list it: ISO 3166-1 alpha-2 code and French name in upper case. */
export interface Country {
  readonly code: string;
  /** "FRANCE", "ALLEMAGNE", "CÔTE D’IVOIRE": upper case keeps accents, as French typography does. */
  readonly name: string;
}
