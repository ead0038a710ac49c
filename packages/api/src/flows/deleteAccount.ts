import { Schema } from "effect";
import { fromPromise } from "xstate";
import { deleteAccountMachine, deleteAccountMachineVersion, type AccountErased } from "@guichet/machines";
import { fr, stepRegistry, type FieldErrors } from "@guichet/schema";
import type { FlowDefinition } from "../flowDefinition";
import { createSnapshotMigrator } from "../snapshotMigrations";

/** What "Supprimer mon espace" needs of the world (`accountErasure` of the account service gives both). */
export interface DeleteAccountPorts {
  /** The current password typed on the confirmation, for the démarche's flow: errors by field, none when right. */
  readonly checkPassword: (flowId: string, password: string, ip: string) => Promise<FieldErrors>;
  /** The erasure, in one transaction; `running` is the démarche's own flow. */
  readonly erase: (accountId: string, running: string | undefined) => Promise<AccountErased>;
}

export const deleteAccountText = {
  label: "Supprimer mon espace",
  description: "Effacer votre espace citoyen et les données qu’il contient, après confirmation de votre mot de passe.",
  done: "ESPACE SUPPRIMÉ",
  erased: "Votre espace citoyen a été supprimé, avec les données qu’il contenait.",
  sentTo: (masked: string) => `Un courriel de confirmation a été envoyé à ${masked}.`,
  loggedOut: "Vous avez été déconnecté. Vous pouvez créer un nouvel espace à tout moment.",
} as const;

const Fields = Schema.Record(Schema.String, Schema.Unknown);
const fits = Schema.is(
  Schema.Struct({
    value: Schema.String,
    context: Schema.Struct({
      accountId: Schema.String,
      answers: Schema.Struct({ deleteAccount: Schema.optionalKey(Fields) }),
      drafts: Schema.Record(Schema.String, Fields),
      returnToReview: Schema.Boolean,
    }),
  }),
);

/**
 * "Supprimer mon espace", a démarche of Mon espace: SUPPRIMER MON ESPACE (the password checked here, in
 * `problems`, as a login; the machine is handed only that it was), RÉCAPITULATIF, then the erasure. Its
 * row is deleted with its last page: nothing of the espace outlives it.
 */
export function createDeleteAccountFlow(ports: DeleteAccountPorts): FlowDefinition {
  return {
    kind: "supprimer-espace",
    owner: "account",
    menu: { label: deleteAccountText.label, description: deleteAccountText.description },
    input: async ({ accountId }) => ({ accountId }),
    version: deleteAccountMachineVersion,
    machine: () =>
      deleteAccountMachine.provide({
        actors: { eraseAccount: fromPromise(({ input }) => ports.erase(input.accountId, input.request?.flowId)) },
      }),
    migrate: createSnapshotMigrator(deleteAccountMachine, deleteAccountMachineVersion, {}),
    fits,
    pages: ["deleteAccount", "review", "done"],
    unnumbered: ["done"],
    titles: { deleteAccount: fr.deleteAccount.title, review: fr.steps.review, done: deleteAccountText.done },
    steps: { deleteAccount: stepRegistry.deleteAccount! },
    confirms: ["review"],
    reviewed: ["deleteAccount"],
    finals: { done: "delete", cancelled: "delete" },
    problems: async (step, value, scope) =>
      step === "deleteAccount" ? ports.checkPassword(scope.flowId, (value as { password: string }).password, scope.ip ?? "unknown") : {},
    ending: (context) => [
      deleteAccountText.erased,
      ...(typeof context.sentTo === "string" ? [deleteAccountText.sentTo(context.sentTo)] : []),
      deleteAccountText.loggedOut,
    ],
  };
}
