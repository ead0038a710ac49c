import { normalizeForSearch } from "./normalizeForSearch.js";

/** The words of a text in search form; an empty text gives no words. */
export function searchTokens(text: string): string[] {
  const normalized = normalizeForSearch(text);
  return normalized === "" ? [] : normalized.split(" ");
}
