import { Schema } from "effect";
import { fr } from "./catalogue";
import { passwordChecklist, type PasswordPolicy } from "./password";

const USERNAME = /^[A-Za-z0-9._@-]{3,50}$/;
export const isUsername = (s: string) => USERNAME.test(s.trim());

const Username = Schema.String.check(
  Schema.makeFilter((s: string) => (s.trim() === "" ? fr.credentials.usernameRequired : true), undefined, true),
  Schema.makeFilter((s: string) => isUsername(s) || fr.credentials.usernameFormat),
).pipe(Schema.annotateKey({ messageMissingKey: fr.credentials.usernameRequired }));

/**
 * AUTHENTIFICATION as typed. The password is checked here and hashed by the server before
 * anything else sees it; `isCommon` lets the server add its list of common passwords.
 */
export const credentialsSchema = (policy: PasswordPolicy, isCommon: (password: string) => boolean = () => false) =>
  Schema.Struct({
    username: Username,
    password: Schema.String.pipe(Schema.annotateKey({ messageMissingKey: fr.credentials.passwordRequired })),
    confirmation: Schema.String.pipe(Schema.annotateKey({ messageMissingKey: fr.credentials.confirmationMismatch })),
  }).check(
    Schema.makeFilter((c) => {
      if (c.password === "") return { path: ["password"], issue: fr.credentials.passwordRequired };
      const unmet = passwordChecklist(c.password, c.username, policy).filter((i) => !i.met);
      if (unmet.some((i) => i.id === "noUsername"))
        return { path: ["password"], issue: fr.credentials.passwordHasUsername };
      if (unmet.some((i) => i.id === "entropy")) return { path: ["password"], issue: fr.credentials.passwordEntropy };
      if (unmet.length > 0) return { path: ["password"], issue: fr.credentials.passwordWeak };
      if (isCommon(c.password)) return { path: ["password"], issue: fr.credentials.passwordCommon };
      if (c.confirmation !== c.password) return { path: ["confirmation"], issue: fr.credentials.confirmationMismatch };
      return true;
    }),
  );
export type CredentialsInput = typeof Credentials.Type;
export const Credentials = credentialsSchema({ minLength: 8, cnil2022: false });

/** What the machine keeps of AUTHENTIFICATION: never the password, only its argon2id hash. */
export const StoredCredentials = Schema.Struct({
  username: Username,
  passwordHash: Schema.String.check(Schema.isPattern(/^\$argon2id\$/, { message: fr.invalid })),
});
export type StoredCredentials = typeof StoredCredentials.Type;
