import { Schema } from "effect";
import { fr } from "./catalogue";
import { birthDateProblem } from "./birthDate";
import { optionalText } from "./text";
import { normaliseName, optionalName, requiredName } from "./personName";
import { nameScriptsOf, type WritingScript } from "./writingScript";
import { answerItem, fieldsOf, nonEmpty, type LinesContext, type StepDefinition } from "./stepDefinition";

export const FRANCE = "FR";

/**
 * IDENTITÉ. `today` (YYYY-MM-DD) comes from the caller so the schema, and the machine using it, read no clock.
 * `scripts`: the writing systems the tenant accepts in names (Latin when it names none).
 * Birthplace: département and commune are INSEE codes when born in France, free text abroad.
 */
export const identitySchema = (today: string, scripts?: ReadonlyArray<string>) => {
  const allowed = nameScriptsOf(scripts);
  const key = `${today} ${allowed.join(",")}`;
  // One schema per day, so that its validator is built once and not for every step.
  let schema = byDay.get(key);
  if (!schema) {
    if (byDay.size > 7) byDay.clear();
    schema = buildIdentitySchema(today, allowed);
    byDay.set(key, schema);
  }
  return schema;
};
const byDay = new Map<string, ReturnType<typeof buildIdentitySchema>>();

const buildIdentitySchema = (today: string, scripts: ReadonlyArray<WritingScript>) =>
  Schema.Struct({
    civilite: Schema.Literals(["Madame", "Monsieur"])
      .annotate({ message: fr.identity.civiliteRequired })
      .pipe(Schema.annotateKey({ messageMissingKey: fr.identity.civiliteRequired })),
    nomUsuel: requiredName(fr.identity.nomUsuelRequired, scripts),
    nomNaissance: optionalName(scripts),
    prenoms: requiredName(fr.identity.prenomsRequired, scripts),
    dateNaissance: Schema.optionalKey(Schema.String.check(Schema.makeFilter((s: string) => (s.trim() === "" ? true : (birthDateProblem(s, today) ?? true))))),
    paysNaissance: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/, { message: fr.invalid }))),
    departementNaissance: optionalText(60),
    communeNaissance: optionalText(100),
    photoId: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Za-z0-9_-]{10,64}$/, { message: fr.invalid }))),
  });
export type Identity = typeof Identity.Type;
/** The shape only, for types and for places where the date rule is checked apart. */
export const Identity = identitySchema("9999-12-31");

const i = fr.identity;

/** The names fields of IDENTITÉ and of « Modifier mon identité ». */
export const nameFields = ["nomUsuel", "nomNaissance", "prenoms"] as const;

/** Names in NFKC (see `normaliseName`), other values as they are: the step's and FranceConnect's tidying. */
export const withNamesNormalised = <T extends Record<string, unknown>>(values: T): T => {
  const out: Record<string, unknown> = { ...values };
  for (const name of nameFields) if (name in out) out[name] = normaliseName(out[name]);
  return out as T;
};

/** IDENTITÉ as a step: its fields, its rules of the day, its lines on the review and on "Mon espace". */
export const identityStep: StepDefinition = {
  id: "identity",
  fields: fieldsOf(Identity, [
    {
      name: "civilite",
      label: i.civilite,
      kind: "radio",
      required: true,
      autocomplete: "honorific-prefix",
      options: [
        { value: "Madame", label: i.madame },
        { value: "Monsieur", label: i.monsieur },
      ],
    },
    { name: "nomUsuel", label: i.nomUsuel, kind: "text", required: true, autocomplete: "family-name" },
    { name: "nomNaissance", label: i.nomNaissance, kind: "text", required: false, autocomplete: "off" },
    { name: "prenoms", label: i.prenoms, kind: "text", required: true, autocomplete: "given-name" },
    { name: "dateNaissance", label: i.dateNaissance, kind: "date", required: false, autocomplete: "bday", hint: i.dateHint },
    { name: "paysNaissance", label: i.paysNaissance, kind: "country", required: false, autocomplete: "off" },
    { name: "departementNaissance", label: i.departementNaissance, kind: "departement", required: false, autocomplete: "off" },
    { name: "communeNaissance", label: i.communeNaissance, kind: "commune", required: false, autocomplete: "off" },
    { name: "photoId", label: i.photo, kind: "photo", required: false },
  ]),
  schema: (rules) => identitySchema(rules.today, rules.nameScripts),
  normalise: (values) => nonEmpty(withNamesNormalised(values)),
  lines: (identity: Identity, { places }: LinesContext) => [
    answerItem(i.civilite, identity.civilite),
    answerItem(i.nomUsuel, identity.nomUsuel),
    answerItem(i.nomNaissance, identity.nomNaissance),
    answerItem(i.prenoms, identity.prenoms),
    answerItem(i.dateNaissance, identity.dateNaissance),
    answerItem(i.paysNaissance, places.country(identity.paysNaissance ?? "FR")),
    ...((identity.paysNaissance ?? "FR") === "FR" ? [answerItem(i.departementNaissance, places.departement(identity.departementNaissance))] : []),
    answerItem(i.communeNaissance, places.commune(identity.communeNaissance) ?? identity.communeNaissance),
  ],
  mySpace: true,
};
