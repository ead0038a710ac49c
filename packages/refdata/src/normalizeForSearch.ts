/**
 * The form every name and query is compared in: lower case, no accents, words separated by one
 * space. "Saint-Étienne", "SAINT ETIENNE" and "saint étienne" all become "saint etienne".
 */
export function normalizeForSearch(text: string): string {
  return (
    text
      .toLowerCase()
      // NFD splits "é" into "e" + a combining accent, which the next line drops.
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      // Ligatures do not decompose under NFD, yet French names use them (Œuilly, Lætitia).
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/ß/g, "ss")
      // Apostrophes, hyphens and any other punctuation separate words, as FANTOIR writes them.
      // ʼ (U+02BC) is a letter to Unicode, an apostrophe to a French name.
      .replace(/\u02BC/g, " ")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
  );
}
