import { accountChangesText as t } from "@guichet/schema";
import { changePasswordMachine, changePasswordMachineVersion } from "@guichet/machines";
import type { FlowDefinition } from "../flowDefinition";
import type { passwordChange } from "../account/accountChanges";
import { accountChangeFlow } from "./accountChange";

const menu = {
  label: "Changer mon mot de passe",
  description: "Choisissez un nouveau mot de passe\u00a0; vos autres appareils connectés seront déconnectés.",
};

/** « Changer mon mot de passe »: NOUVEAU MOT DE PASSE, RÉCAPITULATIF, then the change and its e-mail. */
export function createChangePasswordFlow(ports: ReturnType<typeof passwordChange>): FlowDefinition {
  return accountChangeFlow({
    kind: "changer-mot-de-passe",
    menu,
    machine: changePasswordMachine,
    version: changePasswordMachineVersion,
    step: "newPassword",
    title: t.steps.newPassword,
    doneTitle: "MOT DE PASSE MODIFIÉ",
    problems: (accountId, value, scope, deps) => ports.problems(accountId, value, scope.ip, deps),
    save: (input) => ports.save(menu.label, input),
    ending: () => [
      "Votre mot de passe a été modifié. Utilisez-le dès votre prochaine connexion.",
      "Les autres appareils connectés à votre espace ont été déconnectés.",
      "Un courriel de confirmation vient d’être envoyé à votre adresse électronique.",
    ],
    // The checklist and the hint say the tenant's rule, as at sign-up.
    extras: (step, _input, { tenant }) => (step === "newPassword" ? { passwordPolicy: tenant.passwordPolicy } : {}),
  });
}
