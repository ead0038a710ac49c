import { fantoirAbbreviations } from "./fantoirAbbreviations.js";

/** The full words of fantoirAbbreviations as French writes them, accents included. */
const accented: Readonly<Record<string, string>> = {
  allee: "allée",
  montee: "montée",
  residence: "résidence",
  general: "général",
  ingenieur: "ingénieur",
  marechal: "maréchal",
  president: "président",
  batiment: "bâtiment",
  chateau: "château",
  cimetiere: "cimetière",
  eglise: "église",
};

/** Abbreviation → full word; an abbreviation of two words (anc) takes the first listed. */
const expansions = new Map<string, string>();
for (const [word, abbreviations] of fantoirAbbreviations)
  for (const abbreviation of abbreviations) if (!expansions.has(abbreviation)) expansions.set(abbreviation, accented[word] ?? word);
for (const [word, written] of Object.entries(accented)) expansions.set(word, written);

/** Articles and prepositions written in lower case inside a name ("Rue de la Poste"). */
const particles = new Set(["de", "du", "des", "la", "le", "les", "et", "à", "a", "au", "aux", "en", "sur", "sous", "lès"]);
const roman = /^(?=[IVXLC]{2,}$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A FANTOIR name ("RUE DE LA POSTE", "AV GEN DE GAULLE", "RUE DE L EGLISE") as people write it:
 * "Rue de la Poste", "Avenue Général de Gaulle", "Rue de l’Église". Words in title case, articles and
 * prepositions in lower case, FANTOIR's abbreviations expanded, l and d before a word elided with ’,
 * Roman numerals kept. Accents FANTOIR dropped cannot be recovered, except in the expanded words.
 */
export function readableStreetName(nomVoie: string): string {
  // Only FANTOIR's capitals: a name typed by a citizen is shown as typed.
  if (/\p{Ll}/u.test(nomVoie)) return nomVoie;
  const words = nomVoie.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  words.forEach((raw, i) => {
    if (roman.test(raw)) return void out.push(raw);
    const lower = raw.toLowerCase();
    // "L EGLISE", "D ARTAGNAN": the apostrophe FANTOIR writes as a space.
    if ((lower === "l" || lower === "d") && i > 0 && i < words.length - 1) return void out.push(`${lower}’`);
    const word = lower
      .split("-")
      .map((part, j) => {
        const full = expansions.get(part) ?? part;
        return i > 0 && j === 0 && particles.has(full) ? full : capital(full);
      })
      .join("-");
    out.push(word);
  });
  return out.join(" ").replace(/’ /g, "’");
}
