import type { FieldSpec } from "./forms";
import { identityChangeStep, newEmailStep, newPasswordStep } from "./accountChanges";
import { addressStep } from "./address";
import { captchaStep } from "./captcha";
import { contactsStep } from "./contacts";
import { credentialsStep } from "./credentials";
import { identityStep } from "./identity";
import { servicesStep } from "./services";
import { termsStep } from "./terms";
import { deleteAccountStep } from "./deleteAccount";
import type { StepDefinition } from "./stepDefinition";

/**
 * Every step a flow can show, by id: the one list the machines, the runtime and both UIs read. A flow
 * definition (the registration, a démarche) orders some of them; a step without values (BIENVENUE,
 * RÉCAPITULATIF, TERMINÉ) needs no entry.
 */
export const stepRegistry: Readonly<Record<string, StepDefinition>> = Object.fromEntries(
  [
    termsStep,
    identityStep,
    addressStep,
    contactsStep,
    credentialsStep,
    servicesStep,
    captchaStep,
    newPasswordStep,
    newEmailStep,
    identityChangeStep,
    deleteAccountStep,
  ].map((s) => [s.id, s]),
);

/** The step's entry; a step that takes no values has none, and checks nothing. */
export const stepDefinition = (id: string): StepDefinition => stepRegistry[id] ?? { id };

/** The fields of each step, in page order. The same list drives the web page, the kiosk and the view. */
export const forms: Readonly<Record<string, ReadonlyArray<FieldSpec> | undefined>> = Object.fromEntries(
  Object.values(stepRegistry).flatMap((s) => (s.fields ? [[s.id, s.fields]] : [])),
);
