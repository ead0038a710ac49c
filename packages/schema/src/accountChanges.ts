import { Schema } from "effect";
import { fr } from "./catalogue";
import { canonicalEmail, Courriel } from "./email";
import { confirmationField, newPasswordField, pairIssue, type newPasswordIssue } from "./credentials";
import { identitySchema, identityStep, withNamesNormalised } from "./identity";
import { answerItem, fieldsOf, nonEmpty, type StepDefinition } from "./stepDefinition";

/** What the démarches of "Mon espace" that change the account's secrets and identity say, in French. */
export const accountChangesText = {
  currentPassword: "Mot de passe actuel",
  currentPasswordRequired: "Veuillez saisir votre mot de passe actuel.",
  currentPasswordWrong: "Le mot de passe actuel est incorrect.",
  newPassword: "Nouveau mot de passe",
  newPasswordConfirmation: "Confirmation du nouveau mot de passe",
  passwordChanged: "Modifié",
  passwordChangedLine: "Votre mot de passe a été modifié",
  passwordChangedValue: "les autres appareils connectés à votre espace ont été déconnectés",
  newEmail: "Nouvelle adresse électronique",
  newEmailConfirmation: "Confirmation de la nouvelle adresse électronique",
  newEmailMismatch: "Les deux adresses électroniques ne sont pas identiques.",
  newEmailSame: "Cette adresse électronique est déjà celle de votre espace.",
  identityUnchanged: "Vous n’avez rien modifié.",
  identityFieldLocked: "Votre collectivité ne permet pas de modifier ce champ en ligne.",
  keyReleased: (service: string, key: string, contact: string) =>
    `votre clé ${key} a été retirée de votre espace, car le service ${service} ne vous reconnaît plus sous votre nouvelle identité. Pour la retrouver, contactez le service (${contact}).`,
  steps: {
    newPassword: "NOUVEAU MOT DE PASSE",
    newEmail: "NOUVELLE ADRESSE ÉLECTRONIQUE",
    identityChange: "IDENTITÉ",
  },
} as const;
const t = accountChangesText;

// Only text is a password: `String(x)` of an object can throw.
const textOf = (v: unknown) => (typeof v === "string" ? v : "");
const currentPassword = Schema.String.check(Schema.makeFilter((s: string) => (s === "" ? t.currentPasswordRequired : true), undefined, true)).pipe(
  Schema.annotateKey({ messageMissingKey: t.currentPasswordRequired }),
);
const currentPasswordField = {
  name: "currentPassword",
  label: t.currentPassword,
  kind: "password",
  required: true,
  autocomplete: "current-password",
} as const;

/**
 * NOUVEAU MOT DE PASSE ("Changer mon mot de passe"): the current password, then the new one twice, with
 * the rules of AUTHENTIFICATION (`newPasswordIssue`). The server checks the current password and that the
 * new one does not contain the username (it knows the account); the machine keeps only the new hash.
 */
export const newPasswordSchema = (policy: Parameters<typeof newPasswordIssue>[3], isCommon?: (password: string) => boolean) =>
  Schema.Struct({
    currentPassword,
    // Each field on its own, so that every error is listed at once; the confirmation's match is the struct's.
    password: newPasswordField(policy, isCommon),
    confirmation: confirmationField,
  }).check(Schema.makeFilter((c) => pairIssue(c.password, c.confirmation, "", policy) ?? true));
export type NewPasswordInput = ReturnType<typeof newPasswordSchema>["Type"];

/** What the machine keeps of NOUVEAU MOT DE PASSE: the new password's argon2id hash, never a password. */
export const StoredNewPassword = Schema.Struct({
  passwordHash: Schema.String.check(Schema.isPattern(/^\$argon2id\$/, { message: fr.invalid })),
});
export type StoredNewPassword = typeof StoredNewPassword.Type;

export const newPasswordStep: StepDefinition = {
  id: "newPassword",
  fields: [
    currentPasswordField,
    { name: "password", label: t.newPassword, kind: "password", required: true, autocomplete: "new-password", hint: fr.credentials.passwordRule },
    { name: "confirmation", label: t.newPasswordConfirmation, kind: "password", required: true, autocomplete: "new-password" },
  ],
  schema: (rules) => newPasswordSchema(rules.passwordPolicy, rules.isCommonPassword),
  stored: () => StoredNewPassword,
  normalise: (values) => ({ currentPassword: textOf(values.currentPassword), password: textOf(values.password), confirmation: textOf(values.confirmation) }),
  toAnswer: async (typed: NewPasswordInput, hooks) => ({ passwordHash: await hooks.hashPassword(typed.password) }),
  lines: () => [answerItem(fr.credentials.password, t.passwordChanged)],
};

/** NOUVELLE ADRESSE ÉLECTRONIQUE ("Changer mon adresse électronique"): the current password, the new address twice. */
export const NewEmail = Schema.Struct({ currentPassword, courriel: Courriel, confirmation: Schema.optionalKey(Schema.String) }).check(
  Schema.makeFilter((c) => ((c.confirmation ?? "").toLowerCase() === c.courriel.toLowerCase() ? true : { path: ["confirmation"], issue: t.newEmailMismatch })),
);
export type NewEmailInput = typeof NewEmail.Type;

/** What the machine keeps of it: the new address, never the password. */
export const StoredNewEmail = Schema.Struct({ courriel: Courriel });
export type StoredNewEmail = typeof StoredNewEmail.Type;

export const newEmailStep: StepDefinition = {
  id: "newEmail",
  fields: fieldsOf(NewEmail, [
    currentPasswordField,
    { name: "courriel", label: t.newEmail, kind: "email", required: true, autocomplete: "email" },
    { name: "confirmation", label: t.newEmailConfirmation, kind: "email", required: true, autocomplete: "email" },
  ]),
  schema: () => NewEmail,
  stored: () => StoredNewEmail,
  normalise: (values) => ({
    currentPassword: textOf(values.currentPassword),
    courriel: canonicalEmail(textOf(values.courriel)),
    confirmation: canonicalEmail(textOf(values.confirmation)),
  }),
  toAnswer: async (typed: NewEmailInput) => ({ courriel: typed.courriel }),
  lines: (answer: StoredNewEmail) => [answerItem(t.newEmail, answer.courriel)],
};

/** The names "Modifier mon identité" may change, as the identity step names them. */
export const identityChangeFields = ["nomNaissance", "prenoms"] as const;
export type IdentityChangeField = (typeof identityChangeFields)[number];

/** IDENTITÉ of "Modifier mon identité": birth name and first names, IDENTITÉ's fields and rules. */
export const identityChangeSchema = (today: string, scripts?: ReadonlyArray<string>) => {
  const fields = identitySchema(today, scripts).fields;
  // Built once per IDENTITÉ schema (a day and the tenant's scripts), as its validator is.
  let schema = changeSchemas.get(fields);
  if (!schema) {
    schema = buildIdentityChange(fields);
    changeSchemas.set(fields, schema);
  }
  return schema;
};
const changeSchemas = new WeakMap<object, ReturnType<typeof buildIdentityChange>>();
const buildIdentityChange = (fields: ReturnType<typeof identitySchema>["fields"]) =>
  Schema.Struct({ nomNaissance: fields.nomNaissance, prenoms: fields.prenoms });
export const IdentityChange = identityChangeSchema("9999-12-31");
export type IdentityChange = typeof IdentityChange.Type;

export const identityChangeStep: StepDefinition = {
  id: "identityChange",
  fields: (identityStep.fields ?? []).filter((f) => (identityChangeFields as ReadonlyArray<string>).includes(f.name)),
  schema: (rules) => identityChangeSchema(rules.today, rules.nameScripts),
  normalise: (values) => nonEmpty(withNamesNormalised(values)),
  lines: (answer: IdentityChange) => [answerItem(fr.identity.nomNaissance, answer.nomNaissance), answerItem(fr.identity.prenoms, answer.prenoms)],
};
