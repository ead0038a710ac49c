import { accountChangesText as t } from "@guichet/schema";
import { changeEmailMachine, changeEmailMachineVersion } from "@guichet/machines";
import type { FlowDefinition } from "../flowDefinition";
import type { emailChange } from "../account/accountChanges";
import { accountChangeFlow } from "./accountChange";

const menu = {
  label: "Changer mon adresse électronique",
  description: "Donnez une nouvelle adresse électronique\u00a0; elle remplacera l’actuelle une fois confirmée par le lien reçu.",
};

/** « Changer mon adresse électronique »: NOUVELLE ADRESSE ÉLECTRONIQUE, RÉCAPITULATIF, then the address waits for its link. */
export function createChangeEmailFlow(ports: ReturnType<typeof emailChange>): FlowDefinition {
  return accountChangeFlow({
    kind: "changer-adresse-electronique",
    menu,
    available: () => ports.offered(),
    machine: changeEmailMachine,
    version: changeEmailMachineVersion,
    step: "newEmail",
    title: t.steps.newEmail,
    doneTitle: "ADRESSE ÉLECTRONIQUE À CONFIRMER",
    problems: (accountId, value, scope) => ports.problems(accountId, value, scope.ip),
    save: (input) => ports.save(menu.label, input),
    ending: (outcome) => [
      typeof outcome.emailPending === "string"
        ? `Un lien de confirmation vient d’être envoyé à ${outcome.emailPending}.`
        : "Un lien de confirmation vient d’être envoyé à votre nouvelle adresse.",
      "Votre nouvelle adresse électronique ne sera utilisée qu’une fois ce lien ouvert. D’ici là, vos courriels restent envoyés à l’adresse actuelle.",
    ],
  });
}
