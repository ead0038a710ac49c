import { Schema } from "effect";
import { fr } from "./catalogue";
import { passwordChecklist, type PasswordPolicy } from "./password";
import { answerItem, fieldsOf, type StepDefinition } from "./stepDefinition";

const USERNAME_MAX = 50;
// No @: a username is never an e-mail address, so what is typed with an @ can only be one (`identifierKind`).
const USERNAME = new RegExp(`^[A-Za-z0-9._-]{3,${USERNAME_MAX}}$`);
export const isUsername = (s: string) => USERNAME.test(s.trim());

/**
 * What « Mot de passe oublié », « Renvoyer l'activation » and the activation code look an identifier up as:
 * with an @, an e-mail address and nothing else; without, a username and nothing else. Never one then the other,
 * so a username can't stand for someone else's address.
 */
export const identifierKind = (identifier: string): "email" | "username" => (identifier.includes("@") ? "email" : "username");

const Username = Schema.String.check(
  Schema.makeFilter((s: string) => (s.trim() === "" ? fr.credentials.usernameRequired : true), undefined, true),
  Schema.makeFilter((s: string) => (s.includes("@") ? fr.credentials.usernameAt : true), undefined, true),
  Schema.makeFilter((s: string) => isUsername(s) || fr.credentials.usernameFormat),
)
  .annotate({ maxLength: USERNAME_MAX })
  .pipe(Schema.annotateKey({ messageMissingKey: fr.credentials.usernameRequired }));

/**
 * A new password's own rules (the tenant's policy, not a common one), checked on its field: a struct's
 * check runs only once every field is valid, so a form sent empty listed only its first error.
 */
export const newPasswordField = (policy: PasswordPolicy, isCommon: (password: string) => boolean = () => false) =>
  Schema.String.check(Schema.makeFilter((p: string) => newPasswordIssue(p, p, "", policy, isCommon)?.issue ?? true)).pipe(
    Schema.annotateKey({ messageMissingKey: fr.credentials.passwordRequired }),
  );

/** The new password typed again: required on its own field; whether it matches is the struct's check. */
export const confirmationField = Schema.String.check(Schema.makeFilter((s: string) => (s === "" ? fr.credentials.confirmationRequired : true))).pipe(
  Schema.annotateKey({ messageMissingKey: fr.credentials.confirmationRequired }),
);

/**
 * AUTHENTIFICATION as typed. The password is checked here and hashed by the server before
 * anything else sees it; `isCommon` lets the server add its list of common passwords. Each field is
 * checked on its own (every error listed at once); the username in the password and a confirmation that
 * differs are the struct's.
 */
export const credentialsSchema = (policy: PasswordPolicy, isCommon: (password: string) => boolean = () => false) =>
  Schema.Struct({
    username: Username,
    password: newPasswordField(policy, isCommon),
    confirmation: confirmationField,
  }).check(Schema.makeFilter((c) => pairIssue(c.password, c.confirmation, c.username, policy) ?? true));

/** What only the fields together can tell, once each is valid: the username in the password, a confirmation that differs. */
export function pairIssue(
  password: string,
  confirmation: string,
  username: string,
  policy: PasswordPolicy,
): { path: ["password" | "confirmation"]; issue: string } | undefined {
  const named = passwordChecklist(password, username, policy).some((i) => i.id === "noUsername" && !i.met);
  if (named) return { path: ["password"], issue: fr.credentials.passwordHasUsername };
  if (confirmation !== password) return { path: ["confirmation"], issue: fr.credentials.confirmationMismatch };
  return undefined;
}

/**
 * The rules of a new password and its confirmation, wherever one is chosen (AUTHENTIFICATION, the reset
 * link, "Changer mon mot de passe"): the tenant's policy, not the username, not a common one, typed twice.
 */
export function newPasswordIssue(
  password: string,
  confirmation: string,
  username: string,
  policy: PasswordPolicy,
  isCommon: (password: string) => boolean = () => false,
): { path: ["password" | "confirmation"]; issue: string } | undefined {
  if (password === "") return { path: ["password"], issue: fr.credentials.passwordRequired };
  const unmet = passwordChecklist(password, username, policy).filter((i) => !i.met);
  if (unmet.some((i) => i.id === "noUsername")) return { path: ["password"], issue: fr.credentials.passwordHasUsername };
  if (unmet.some((i) => i.id === "entropy")) return { path: ["password"], issue: fr.credentials.passwordEntropy };
  if (unmet.length > 0) return { path: ["password"], issue: fr.credentials.passwordWeak };
  if (isCommon(password)) return { path: ["password"], issue: fr.credentials.passwordCommon };
  if (confirmation !== password) return { path: ["confirmation"], issue: fr.credentials.confirmationMismatch };
  return undefined;
}
export type CredentialsInput = typeof Credentials.Type;
export const Credentials = credentialsSchema({ minLength: 8, cnil2022: false });

/** What the machine keeps of AUTHENTIFICATION: never the password, only its argon2id hash. */
export const StoredCredentials = Schema.Struct({
  username: Username,
  passwordHash: Schema.String.check(Schema.isPattern(/^\$argon2id\$/, { message: fr.invalid })),
});
export type StoredCredentials = typeof StoredCredentials.Type;

const k = fr.credentials;
// Only text is a username or a password: `String(x)` of an object can throw (its toString need not be a function).
const textOf = (v: unknown) => (typeof v === "string" ? v : "");

/** AUTHENTIFICATION as a step: typed with a password, kept with its hash only. */
export const credentialsStep: StepDefinition = {
  id: "credentials",
  fields: fieldsOf(Credentials, [
    { name: "username", label: k.username, kind: "text", required: true, autocomplete: "username" },
    { name: "password", label: k.password, kind: "password", required: true, autocomplete: "new-password", hint: k.passwordRule },
    { name: "confirmation", label: k.confirmation, kind: "password", required: true, autocomplete: "new-password" },
  ]),
  schema: (rules) => credentialsSchema(rules.passwordPolicy, rules.isCommonPassword),
  stored: () => StoredCredentials,
  normalise: (values) => ({
    username: textOf(values.username).normalize("NFC").trim(),
    password: textOf(values.password),
    confirmation: textOf(values.confirmation),
  }),
  toAnswer: async (typed: CredentialsInput, hooks) => ({ username: typed.username, passwordHash: await hooks.hashPassword(typed.password) }),
  lines: (credentials: StoredCredentials) => [answerItem(k.username, credentials.username), answerItem(k.password, "••••••••")],
};
