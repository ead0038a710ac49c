import { accountChangesText as t } from "@guichet/schema";
import { changeIdentityMachine, changeIdentityMachineVersion } from "@guichet/machines";
import type { FlowDefinition } from "../flowDefinition";
import { identityFieldsAllowed, type identityChange } from "../account/accountChanges";
import { accountChangeFlow } from "./accountChange";

const menu = {
  label: "Modifier mon identité",
  description: "Corrigez votre nom de naissance ou vos prénoms\u00a0; vos clés de service sont vérifiées à nouveau.",
};

/**
 * « Modifier mon identité », offered only where the tenant allows it (`demarches.identity`): IDENTITÉ
 * (the names it allows), RÉCAPITULATIF, then the change, the service keys matched again, the e-mail.
 */
export function createChangeIdentityFlow(ports: ReturnType<typeof identityChange>): FlowDefinition {
  return accountChangeFlow({
    kind: "modifier-identite",
    menu,
    available: (tenant) => identityFieldsAllowed(tenant).length > 0,
    machine: changeIdentityMachine,
    version: changeIdentityMachineVersion,
    step: "identityChange",
    title: t.steps.identityChange,
    doneTitle: "IDENTITÉ MODIFIÉE",
    current: (accountId) => ports.current(accountId),
    problems: (accountId, value) => ports.problems(accountId, value),
    save: (input) => ports.save(menu.label, input),
    ending: (outcome) => [
      "Votre identité a été modifiée.",
      ...(Array.isArray(outcome.released) ? (outcome.released as string[]) : []),
      "Un courriel de confirmation vient d’être envoyé à votre adresse électronique.",
    ],
  });
}
