/** A key: a character to type, or one of the keyboard's own actions. */
export type Key =
  | { readonly type: "char"; readonly char: string }
  | { readonly type: "shift" | "backspace" | "space" | "enter" | "hide" }
  | { readonly type: "layer"; readonly layer: Layer; readonly label: string };

export type Layer = "letters" | "accents" | "digits";

const chars = (s: string): Key[] => [...s].map((char) => ({ type: "char", char }));
const toLetters: Key = { type: "layer", layer: "letters", label: "abc" };
const toAccents: Key = { type: "layer", layer: "accents", label: "éà" };
const toDigits: Key = { type: "layer", layer: "digits", label: "123" };
const bottom = (a: Key, b: Key): Key[] => [
  a,
  b,
  { type: "char", char: "@" },
  { type: "space" },
  { type: "char", char: "." },
  { type: "enter" },
  { type: "hide" },
];

/** French AZERTY, with the accented letters French names and addresses need, and digits for dates and phones. */
export const layers: Record<Layer, Key[][]> = {
  letters: [chars("azertyuiop"), chars("qsdfghjklm"), [{ type: "shift" }, ...chars("wxcvbn'-"), { type: "backspace" }], bottom(toDigits, toAccents)],
  accents: [chars("éèêëàâäùûü"), chars("çôöîïœæÿñ'"), [{ type: "shift" }, ...chars("-,;:/()"), { type: "backspace" }], bottom(toDigits, toLetters)],
  digits: [chars("1234567890"), chars("+-_/()'&#,"), [...chars('*=!?;:"%$'), { type: "backspace" }], bottom(toLetters, toAccents)],
};
