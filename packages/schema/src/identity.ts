import { Schema } from "effect";
import { fr } from "./catalogue";
import { birthDateProblem } from "./birthDate";
import { isPersonName, optionalText, requiredText } from "./text";

export const FRANCE = "FR";

/**
 * IDENTITÉ. `today` (YYYY-MM-DD) comes from the caller so the schema, and the machine using it, read no clock.
 * Birthplace: département and commune are INSEE codes when born in France, free text abroad.
 */
export const identitySchema = (today: string) => {
  // One schema per day, so that its validator is built once and not for every step.
  let schema = byDay.get(today);
  if (!schema) {
    if (byDay.size > 7) byDay.clear();
    schema = buildIdentitySchema(today);
    byDay.set(today, schema);
  }
  return schema;
};
const byDay = new Map<string, ReturnType<typeof buildIdentitySchema>>();

const buildIdentitySchema = (today: string) =>
  Schema.Struct({
    civilite: Schema.Literals(["Madame", "Monsieur"])
      .annotate({ message: fr.identity.civiliteRequired })
      .pipe(Schema.annotateKey({ messageMissingKey: fr.identity.civiliteRequired })),
    nomUsuel: requiredText(fr.identity.nomUsuelRequired).check(isPersonName),
    nomNaissance: optionalText().pipe(Schema.check(isPersonName)),
    prenoms: requiredText(fr.identity.prenomsRequired).check(isPersonName),
    dateNaissance: Schema.optionalKey(
      Schema.String.check(
        Schema.makeFilter((s: string) => (s.trim() === "" ? true : (birthDateProblem(s, today) ?? true))),
      ),
    ),
    paysNaissance: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/, { message: fr.invalid }))),
    departementNaissance: optionalText(60),
    communeNaissance: optionalText(100),
    photoId: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{10,64}$/, { message: fr.invalid }))),
  });
export type Identity = typeof Identity.Type;
/** The shape only, for types and for places where the date rule is checked apart. */
export const Identity = identitySchema("9999-12-31");
