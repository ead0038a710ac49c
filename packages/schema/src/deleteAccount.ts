import { Schema } from "effect";
import { fr } from "./catalogue";
import { answerItem, fieldsOf, type StepDefinition } from "./stepDefinition";

const k = fr.deleteAccount;
const PASSWORD_MAX = 200;
// Only text is a password: `String(x)` of an object can throw.
const textOf = (v: unknown) => (typeof v === "string" ? v : "");

/** CONFIRMATION of "Supprimer mon espace" as typed: the current password, and the box saying what will be erased is understood. */
export const DeleteAccountConfirmation = Schema.Struct({
  password: Schema.String.check(Schema.makeFilter((s: string) => (s === "" ? k.passwordRequired : true)))
    .annotate({ maxLength: PASSWORD_MAX })
    .pipe(Schema.annotateKey({ messageMissingKey: k.passwordRequired })),
  understood: Schema.Boolean.check(Schema.makeFilter((b: boolean) => b === true || k.mustUnderstand)).pipe(
    Schema.annotateKey({ messageMissingKey: k.mustUnderstand }),
  ),
});
export type DeleteAccountConfirmation = typeof DeleteAccountConfirmation.Type;

/** What the machine keeps: that the box was ticked and the password checked; never the password. */
export const StoredDeleteAccountConfirmation = Schema.Struct({
  understood: Schema.Literal(true),
  passwordChecked: Schema.Literal(true),
});
export type StoredDeleteAccountConfirmation = typeof StoredDeleteAccountConfirmation.Type;

/**
 * The confirmation of "Supprimer mon espace": the password is checked by the démarche's definition
 * (`problems`, throttled as a login) and dropped before the machine sees the answer.
 */
export const deleteAccountStep: StepDefinition = {
  id: "deleteAccount",
  fields: fieldsOf(DeleteAccountConfirmation, [
    { name: "password", label: k.password, kind: "password", required: true, autocomplete: "current-password" },
    { name: "understood", label: k.understood, kind: "checkbox", required: true, hint: k.consequences },
  ]),
  schema: () => DeleteAccountConfirmation,
  stored: () => StoredDeleteAccountConfirmation,
  normalise: (values) => ({ password: textOf(values.password), understood: values.understood }),
  // Reached only once the definition's check found the password right.
  toAnswer: async (): Promise<StoredDeleteAccountConfirmation> => ({ understood: true, passwordChecked: true }),
  lines: () => [answerItem(k.password, k.passwordChecked), answerItem(k.understood, k.yes)],
};
