import { fromPromise } from "xstate";
import { Schema } from "effect";
import { fr, stepRegistry, type Address, type Contacts } from "@guichet/schema";
import { changeContactsMachine, changeContactsMachineVersion, type ContactsSaved } from "@guichet/machines";
import type { FlowDefinition } from "../flowDefinition";
import { createSnapshotMigrator } from "../snapshotMigrations";

/** What "Modifier mes coordonnées" needs of the world (`contactsChange` in packages/api/src/account). */
export interface ChangeContactsPorts {
  /** The account's current address and contacts: the machine's input. */
  current(accountId: string): Promise<{ address: Address; contacts: Contacts }>;
  /** Saves them through the completion hook (one transaction with the e-mail); `demarche` names it in the e-mail. */
  save(accountId: string, answers: { address?: Address; contacts?: Contacts }, demarche: string): Promise<ContactsSaved>;
}

const label = "Modifier mes coordonnées";

const Fields = Schema.Record(Schema.String, Schema.Unknown);
const fits = Schema.is(
  Schema.Struct({
    value: Schema.Union([Schema.String, Fields]),
    context: Schema.Struct({
      accountId: Schema.String,
      answers: Schema.Struct({ address: Schema.optionalKey(Fields), contacts: Schema.optionalKey(Fields) }),
      drafts: Schema.Record(Schema.String, Fields),
      returnToReview: Schema.Boolean,
    }),
  }),
);

/** "Modifier mes coordonnées": the first démarche of Mon espace (docs/adding-a-demarche.md). */
export function createChangeContactsFlow(ports: ChangeContactsPorts): FlowDefinition {
  return {
    kind: "modifier-coordonnees",
    owner: "account",
    menu: { label, description: "Votre adresse postale, vos numéros de téléphone et votre adresse électronique." },
    input: async ({ accountId }) => ({ accountId, ...(await ports.current(accountId)) }),
    version: changeContactsMachineVersion,
    machine: () =>
      changeContactsMachine.provide({
        actors: { saveContacts: fromPromise(async ({ input }) => ports.save(input.accountId, input.answers, label)) },
      }),
    migrate: createSnapshotMigrator(changeContactsMachine, changeContactsMachineVersion, {}),
    fits,
    pages: ["address", "contacts", "review", "done"],
    unnumbered: ["done"],
    titles: { address: fr.steps.address, contacts: fr.steps.contacts, review: fr.steps.review, done: fr.steps.done },
    steps: { address: stepRegistry.address!, contacts: stepRegistry.contacts! },
    confirms: ["review"],
    reviewed: ["address", "contacts"],
    finals: { done: "done", cancelled: "delete" },
    ending: (context) => [
      "Vos coordonnées ont été enregistrées. Un courriel vous le confirme.",
      ...(typeof context.emailPending === "string"
        ? [
            `Un lien de confirmation a été envoyé à ${context.emailPending}\u00a0: votre nouvelle adresse électronique ne sera utilisée qu’une fois ce lien ouvert, dans les 72\u00a0heures. D’ici là, nous continuons d’écrire à l’ancienne.`,
          ]
        : []),
    ],
  };
}
