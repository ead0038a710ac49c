import { Schema } from "effect";
import { fr } from "./catalogue";
import { optionalText, requiredText } from "./text";
import { answerItem, fieldsOf, trimmed, type LinesContext, type StepDefinition } from "./stepDefinition";

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
  Schema.makeFilter((a) => (a.pays ?? "FR") !== "FR" || /^\d{5}$/.test(a.codePostal.trim()) || { path: ["codePostal"], issue: fr.address.codePostalFormat }),
);
export type Address = typeof Address.Type;

const a = fr.address;

/** ADRESSE as a step. */
export const addressStep: StepDefinition = {
  id: "address",
  fields: fieldsOf(Address, [
    { name: "numero", label: a.numero, kind: "text", required: false, autocomplete: "off" },
    { name: "voie", label: a.voie, kind: "street", required: true, autocomplete: "address-line1", hint: a.voieHint },
    { name: "batiment", label: a.batiment, kind: "text", required: false, autocomplete: "address-line2" },
    { name: "appartement", label: a.appartement, kind: "text", required: false, autocomplete: "address-line3" },
    { name: "complement", label: a.complement, kind: "text", required: false, autocomplete: "off" },
    { name: "codePostal", label: a.codePostal, kind: "postalCode", required: true, autocomplete: "postal-code" },
    { name: "ville", label: a.ville, kind: "city", required: true, autocomplete: "address-level2" },
    { name: "pays", label: a.pays, kind: "country", required: false, autocomplete: "country" },
  ]),
  schema: () => Address,
  normalise: trimmed,
  lines: (address: Address, { places }: LinesContext) => [
    answerItem(a.numero, address.numero),
    answerItem(a.voie, places.street(address.voie)),
    answerItem(a.batiment, address.batiment),
    answerItem(a.appartement, address.appartement),
    answerItem(a.complement, address.complement),
    answerItem(a.codePostal, address.codePostal),
    answerItem(a.ville, address.ville),
    answerItem(a.pays, places.country(address.pays ?? "FR")),
  ],
  mySpace: true,
};
