import { Schema } from "effect";
import { fr } from "./catalogue";
import { optionalText, requiredText } from "./text";

/** ADRESSE: voie, code postal (five digits in France) and ville are required; `codeInsee` is set when the street or town was chosen from a list. */
export const Address = Schema.Struct({
  numero: optionalText(10),
  voie: requiredText(fr.address.voieRequired, 120),
  batiment: optionalText(60),
  appartement: optionalText(60),
  complement: optionalText(120),
  codePostal: requiredText(fr.address.codePostalRequired, 10),
  ville: requiredText(fr.address.villeRequired, 100),
  codeInsee: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^(\d[\dAB]\d{3})?$/, { message: fr.invalid }))),
  pays: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/, { message: fr.invalid }))),
}).check(
  // Five digits is the French rule; an address abroad keeps its own postal code.
  Schema.makeFilter((a) =>
    (a.pays ?? "FR") !== "FR" || /^\d{5}$/.test(a.codePostal.trim()) || { path: ["codePostal"], issue: fr.address.codePostalFormat },
  ),
);
export type Address = typeof Address.Type;
