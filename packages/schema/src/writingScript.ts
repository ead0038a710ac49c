/**
 * Writing systems (Unicode scripts) of text that people read as names or addresses: a word that mixes two
 * (a Cyrillic « О » in « BОYET ») looks like another word and is refused (Unicode TR39, « single script »).
 */
export const writingScripts = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Devanagari",
  "Bengali",
  "Tamil",
  "Thai",
  "Ethiopic",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
  "Bopomofo",
] as const;
export type WritingScript = (typeof writingScripts)[number];

const patterns = writingScripts.map((s) => [s, new RegExp(`^\\p{Script_Extensions=${s}}$`, "u")] as const);

// Japanese, Korean and Chinese write one word with several scripts: TR39 counts each as one (Jpan, Kore, Hanb).
const together: Partial<Record<WritingScript, ReadonlyArray<string>>> = {
  Han: ["Japanese", "Korean", "Chinese"],
  Hiragana: ["Japanese"],
  Katakana: ["Japanese"],
  Hangul: ["Korean"],
  Bopomofo: ["Chinese"],
};

const LETTER = /^\p{L}$/u;

/** The scripts a letter belongs to (with the writing systems that combine them); "Other" for a script not listed. */
function scriptsOfLetter(letter: string): ReadonlyArray<string> {
  const found = patterns.filter(([, re]) => re.test(letter)).flatMap(([s]) => [s, ...(together[s] ?? [])]);
  return found.length ? found : ["Other"];
}

/**
 * The script shared by every letter of `word` (digits, marks and punctuation belong to all); `undefined`
 * when its letters mix scripts, "" when it has no letter.
 */
export function scriptOf(word: string): string | undefined {
  let common: ReadonlyArray<string> | undefined;
  for (const ch of word) {
    if (!LETTER.test(ch)) continue;
    const own = scriptsOfLetter(ch);
    common = common ? common.filter((s) => own.includes(s)) : own;
    if (common.length === 0) return undefined;
  }
  if (!common) return "";
  // The narrowest name first: "Latin", not a writing system that includes it.
  return common[0]!;
}

/** Scripts as a tenant lists them, anything unknown dropped: Latin when none is left. */
export const nameScriptsOf = (listed: ReadonlyArray<string> | undefined): ReadonlyArray<WritingScript> => {
  const known = (listed ?? []).filter((s): s is WritingScript => (writingScripts as ReadonlyArray<string>).includes(s));
  return known.length ? known : ["Latin"];
};

/** A word's script is allowed when it is one of `allowed`, or a writing system made of them (Japanese: Han + kana). */
export function scriptAllowed(script: string, allowed: ReadonlyArray<WritingScript>): boolean {
  if ((allowed as ReadonlyArray<string>).includes(script)) return true;
  return allowed.some((s) => (together[s] ?? []).includes(script));
}

/**
 * Characters nobody sees or that reorder what is seen: default-ignorable code points (zero widths, the Hangul
 * fillers U+3164, U+115F, U+1160, U+FFA0, variation selectors, soft hyphen), format and control characters,
 * bidirectional marks and overrides (U+200E, U+202E, U+2066…), private-use and unassigned code points.
 */
export const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Co}\p{Cn}\p{Cs}\u2028\u2029]/u;
