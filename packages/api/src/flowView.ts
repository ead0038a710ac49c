import {
  editableSteps,
  forms,
  fr,
  formatPhone,
  steps,
  type CaptchaView,
  type FieldErrors,
  type FieldView,
  type FlowView,
  type ReviewGroup,
  type ServiceKeyView,
  type StepId,
} from "@guichet/schema";
import type { RegistrationContext } from "@guichet/machines";
import type { Tenant } from "./tenant";
import type { PlaceNames } from "./placeNames";

/** What the runtime knows of a flow when it draws it. */
export interface ViewInput {
  readonly token: string;
  readonly version: number;
  readonly stateValue: unknown;
  readonly context: RegistrationContext;
  readonly errors: FieldErrors;
  /** What the citizen just typed, shown again when the move was refused: nothing typed is lost. */
  readonly typed?: Record<string, unknown>;
  readonly captcha?: CaptchaView;
}

/** The top-level state: a step, or "cancelled". */
export const stepOf = (stateValue: unknown): StepId | "cancelled" =>
  (typeof stateValue === "string" ? stateValue : Object.keys(stateValue as object)[0]) as StepId | "cancelled";

const numbered = steps.filter((s) => s !== "welcome" && s !== "done");

const defaults: Record<string, string | boolean> = {
  paysNaissance: "FR",
  pays: "FR",
  moyenPrefere: "courriel",
  accepted: false,
};

/** The headless view: step, fields with values and errors, allowed moves (see docs/flow-view.md). */
export function flowView(input: ViewInput, tenant: Tenant, places: PlaceNames): FlowView {
  const step = stepOf(input.stateValue);
  const { answers, drafts } = input.context;
  const status = step === "done" ? "done" : step === "cancelled" ? "cancelled" : "active";
  const saved = {
    ...((answers as Record<string, Record<string, unknown> | undefined>)[step] ?? {}),
    ...(step === "cancelled" ? {} : (drafts[step] ?? {})),
    ...(input.typed ?? {}),
  };
  const fields: FieldView[] = (step === "cancelled" ? [] : (forms[step] ?? [])).map((spec) => {
    const raw = spec.kind === "password" ? "" : (saved[spec.name] ?? defaults[spec.name] ?? "");
    const error = input.errors[spec.name];
    const label = spec.kind === "commune" ? places.commune(String(raw)) : undefined;
    return {
      ...spec,
      value: typeof raw === "boolean" ? raw : String(raw),
      ...(label ? { valueLabel: label } : {}),
      ...(error ? { error } : {}),
    };
  });
  const index = numbered.indexOf(step as (typeof numbered)[number]);
  return {
    token: input.token,
    version: input.version,
    status,
    step: step === "cancelled" ? "welcome" : step,
    title: step === "cancelled" ? "" : fr.steps[step],
    progress: { current: index + 1, total: numbered.length },
    fields,
    errors: input.errors,
    can: {
      next: status === "active",
      back: status === "active" && step !== "welcome",
      cancel: status === "active",
    },
    editing: input.context.returnToReview,
    ...(step === "services" ? { services: servicesView(input, tenant) } : {}),
    ...(step === "review" ? { review: reviewGroups(input.context, tenant, places) } : {}),
    ...(step === "captcha" && input.captcha ? { captcha: input.captcha } : {}),
    ...(step === "credentials" ? { passwordPolicy: tenant.passwordPolicy } : {}),
  };
}

function servicesView(input: ViewInput, tenant: Tenant): ServiceKeyView[] {
  const keys = input.context.answers.services?.keys ?? {};
  const typed = (input.typed?.keys ?? input.context.drafts.services?.keys ?? {}) as Record<string, string>;
  return tenant.services.map((s) => {
    const known = keys[s.id];
    const error = input.errors[`keys.${s.id}`];
    return {
      id: s.id,
      label: s.label,
      key: typed[s.id] ?? known?.key ?? "",
      auto: known?.auto ?? false,
      contact: s.contact,
      ...(error ? { error } : {}),
    };
  });
}

function reviewGroups(context: RegistrationContext, tenant: Tenant, places: PlaceNames): ReviewGroup[] {
  const { identity, address, contacts, credentials, services } = context.answers;
  const i = fr.identity;
  const a = fr.address;
  const c = fr.contacts;
  const item = (label: string, value: string | undefined) => ({ label, value: value?.trim() ? value : "—" });
  const groups: Record<(typeof editableSteps)[number], ReviewGroup["items"]> = {
    identity: identity
      ? [
          item(i.civilite, identity.civilite),
          item(i.nomUsuel, identity.nomUsuel),
          item(i.nomNaissance, identity.nomNaissance),
          item(i.prenoms, identity.prenoms),
          item(i.dateNaissance, identity.dateNaissance),
          item(i.paysNaissance, places.country(identity.paysNaissance ?? "FR")),
          ...((identity.paysNaissance ?? "FR") === "FR"
            ? [item(i.departementNaissance, places.departement(identity.departementNaissance))]
            : []),
          item(i.communeNaissance, places.commune(identity.communeNaissance) ?? identity.communeNaissance),
        ]
      : [],
    address: address
      ? [
          item(a.numero, address.numero),
          item(a.voie, address.voie),
          item(a.batiment, address.batiment),
          item(a.appartement, address.appartement),
          item(a.complement, address.complement),
          item(a.codePostal, address.codePostal),
          item(a.ville, address.ville),
          item(a.pays, places.country(address.pays ?? "FR")),
        ]
      : [],
    contacts: contacts
      ? [
          item(c.telephone, contacts.telephone && formatPhone(contacts.telephone)),
          item(c.mobile, contacts.mobile && formatPhone(contacts.mobile)),
          item(c.fax, contacts.fax && formatPhone(contacts.fax)),
          item(c.courriel, contacts.courriel),
          item(c.moyenPrefere, fr.contacts[contacts.moyenPrefere ?? "courriel"]),
        ]
      : [],
    credentials: credentials
      ? [item(fr.credentials.username, credentials.username), item(fr.credentials.password, "••••••••")]
      : [],
    services: tenant.services.map((s) => {
      const key = services?.keys[s.id];
      return item(s.label, key ? `${key.key}${key.auto ? ` (${fr.services.autoFilled.toLowerCase()})` : ""}` : undefined);
    }),
  };
  return editableSteps.map((step) => ({ step, title: fr.steps[step], items: groups[step] }));
}
