import {
  editableSteps,
  forms,
  fr,
  passwordRule,
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
import { answerItem, answerItems } from "./answerItems";
import { ACTIVATION_TTL_MS } from "./accountCreation";

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
    const label = spec.kind === "commune" ? places.commune(textOf(raw)) : undefined;
    return {
      ...spec,
      // The password's rule is the tenant's, said as its checklist says it.
      ...(spec.kind === "password" && spec.hint ? { hint: passwordRule(tenant.passwordPolicy) } : {}),
      value: typeof raw === "boolean" ? raw : textOf(raw),
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
    ...(step === "done"
      ? { done: { activationHours: ACTIVATION_TTL_MS / 3_600_000, ...(input.context.sentTo ? { sentTo: input.context.sentTo } : {}) } }
      : {}),
  };
}

/**
 * What a field shows of a value typed or drafted: forms send text, but a draft holds whatever a client
 * sent; an object (even one whose `toString` is not a function) shows as an empty field, never a crash.
 */
const textOf = (raw: unknown): string =>
  typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : "";

function servicesView(input: ViewInput, tenant: Tenant): ServiceKeyView[] {
  const keys = input.context.answers.services?.keys ?? {};
  const typed = (input.typed?.keys ?? input.context.drafts.services?.keys ?? {}) as Record<string, unknown>;
  return tenant.services.map((s) => {
    const known = keys[s.id];
    const error = input.errors[`keys.${s.id}`];
    return {
      id: s.id,
      label: s.label,
      key: typeof typed[s.id] === "string" ? (typed[s.id] as string) : (known?.key ?? ""),
      auto: known?.auto ?? false,
      contact: s.contact,
      ...(error ? { error } : {}),
    };
  });
}

function reviewGroups(context: RegistrationContext, tenant: Tenant, places: PlaceNames): ReviewGroup[] {
  const { identity, address, contacts, credentials, services } = context.answers;
  const lines = answerItems(places);
  const groups: Record<(typeof editableSteps)[number], ReviewGroup["items"]> = {
    identity: identity ? lines.identity(identity) : [],
    address: address ? lines.address(address) : [],
    contacts: contacts ? lines.contacts(contacts) : [],
    credentials: credentials
      ? [answerItem(fr.credentials.username, credentials.username), answerItem(fr.credentials.password, "••••••••")]
      : [],
    services: tenant.services.map((s) => {
      const key = services?.keys[s.id];
      return answerItem(s.label, key ? `${key.key}${key.auto ? ` (${fr.services.autoFilled.toLowerCase()})` : ""}` : undefined);
    }),
  };
  return editableSteps.map((step) => ({ step, title: fr.steps[step], items: groups[step] }));
}
