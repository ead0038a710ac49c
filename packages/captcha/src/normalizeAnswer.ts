// Number words as a citizen may type them, after accents, case and hyphens are dropped.
const numberWords: Record<string, string> = {
  zero: "0",
  un: "1",
  une: "1",
  deux: "2",
  trois: "3",
  quatre: "4",
  cinq: "5",
  six: "6",
  sept: "7",
  huit: "8",
  neuf: "9",
  dix: "10",
  onze: "11",
  douze: "12",
  treize: "13",
  quatorze: "14",
  quinze: "15",
  seize: "16",
  "dix sept": "17",
  "dix huit": "18",
  "dix neuf": "19",
  vingt: "20",
};

const articles = /^(le|la|les|l|un|une|du|de|des|d) /;

/**
 * Puts a typed answer in the one form the check compares: no accents, case, punctuation or extra
 * spaces, no leading article ("le bleu"), and numbers as digits ("sept", "Sept", " 7 " → "7"),
 * so the words-or-digits choice never costs a citizen a try.
 */
export function normalizeAnswer(text: string): string {
  const plain = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  // "un" alone is the number; the article pattern needs a following word, so it stays.
  const withoutArticle = plain.replace(articles, "");
  return numberWords[withoutArticle] ?? withoutArticle;
}
