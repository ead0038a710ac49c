import { fantoirAbbreviations } from "./fantoirAbbreviations.js";
import { searchTokens } from "./searchTokens.js";
import { stopWords } from "./stopWords.js";

/** One typed word and what it may match in a name. */
export interface QueryToken {
  /** The word as typed, in search form; it matches any name word it begins. */
  readonly text: string;
  /** Other spellings that match a name word only in full: abbreviations and their full words. */
  readonly exacts: readonly string[];
  /** A stop word that is not the last one typed (the last may be the start of a longer word). */
  readonly optional: boolean;
}

/** A query no longer than this covers any real name; longer ones are cut to keep search bounded. */
const maxTokens = 10;

const fullWordsOf = new Map<string, string[]>();
for (const [full, abbreviations] of fantoirAbbreviations) {
  for (const abbreviation of abbreviations) {
    fullWordsOf.set(abbreviation, [...(fullWordsOf.get(abbreviation) ?? []), full]);
  }
}

/** Splits a query into words, each with the FANTOIR spellings that stand for it. */
export function parseQuery(query: string): QueryToken[] {
  const words = searchTokens(query).slice(0, maxTokens);
  const allStopWords = words.every((word) => stopWords.has(word));
  return words.map((text, i) => ({
    text,
    exacts: alternativesOf(text),
    optional: !allStopWords && i < words.length - 1 && stopWords.has(text),
  }));
}

function alternativesOf(word: string): string[] {
  const alternatives = new Set<string>();
  // An abbreviation typed ("gal"): its full word and that word's other abbreviations ("gen").
  for (const full of fullWordsOf.get(word) ?? []) {
    alternatives.add(full);
    for (const abbreviation of fantoirAbbreviations.get(full) ?? []) alternatives.add(abbreviation);
  }
  // A full word typed, or its beginning ("gene"): the abbreviations FANTOIR may have written.
  for (const [full, abbreviations] of fantoirAbbreviations) {
    if (!full.startsWith(word)) continue;
    for (const abbreviation of abbreviations) alternatives.add(abbreviation);
  }
  // Words the typed text already begins are matched as prefixes anyway.
  return [...alternatives].filter((alternative) => !alternative.startsWith(word));
}
