import {
  linesOf,
  nameFields,
  passwordRule,
  type CaptchaView,
  type FieldErrors,
  type FieldView,
  type FlowView,
  type ReviewGroup,
  type ServiceKeyView,
} from "@guichet/schema";
import type { Tenant } from "./tenant";
import type { PlaceNames } from "./placeNames";
import type { FlowDefinition } from "./flowDefinition";

/** What the view reads of any flow's context: answers by step, drafts by step, the "Modifier" mark. */
export interface FlowContext {
  readonly answers: Readonly<Record<string, unknown>>;
  readonly drafts: Readonly<Record<string, Record<string, unknown> | undefined>>;
  readonly returnToReview?: boolean;
  readonly [key: string]: unknown;
}
import { ACTIVATION_TTL_MS } from "./accountCreation";

/** What the runtime knows of a flow when it draws it. */
export interface ViewInput {
  readonly token: string;
  readonly version: number;
  readonly stateValue: unknown;
  readonly context: FlowContext;
  readonly errors: FieldErrors;
  /** What the citizen just typed, shown again when the move was refused: nothing typed is lost. */
  readonly typed?: Record<string, unknown>;
  readonly captcha?: CaptchaView;
}

/** The top-level state: a page of the definition, or "cancelled". */
export const stepOf = (stateValue: unknown): string => (typeof stateValue === "string" ? stateValue : Object.keys(stateValue as object)[0]!);

const defaults: Record<string, string | boolean> = {
  paysNaissance: "FR",
  pays: "FR",
  moyenPrefere: "courriel",
  accepted: false,
};

/** What the view looks up: names for codes, the tenant's services. */
export interface ViewDeps {
  readonly tenant: Tenant;
  readonly places: PlaceNames;
}

/** The headless view of any definition: step, fields with values and errors, allowed moves (see docs/flow-view.md). */
export function flowView(input: ViewInput, definition: FlowDefinition, deps: ViewDeps): FlowView {
  const step = stepOf(input.stateValue);
  const { places } = deps;
  const { answers, drafts } = input.context;
  const status = step === "done" ? "done" : step === "cancelled" ? "cancelled" : "active";
  const saved = {
    ...((answers as Record<string, Record<string, unknown> | undefined>)[step] ?? {}),
    ...(step === "cancelled" ? {} : (drafts[step] ?? {})),
    ...(input.typed ?? {}),
  };
  const fields: FieldView[] = (step === "cancelled" ? [] : (definition.steps[step]?.fields ?? [])).map((spec) => {
    const raw = spec.kind === "password" ? "" : (saved[spec.name] ?? defaults[spec.name] ?? "");
    const error = input.errors[spec.name];
    const label = spec.kind === "commune" ? places.commune(textOf(raw)) : undefined;
    return {
      ...spec,
      // The password's rule is the tenant's, said as its checklist says it.
      ...(spec.kind === "password" && spec.hint ? { hint: passwordRule(deps.tenant.passwordPolicy) } : {}),
      value: typeof raw === "boolean" ? raw : textOf(raw),
      ...(label ? { valueLabel: label } : {}),
      ...(error ? { error } : {}),
    };
  });
  const numbered = definition.pages.filter((p) => !definition.unnumbered.includes(p));
  const index = numbered.indexOf(step);
  return {
    kind: definition.kind,
    token: input.token,
    version: input.version,
    status,
    step: step === "cancelled" ? "welcome" : step,
    title: step === "cancelled" ? "" : (definition.titles[step] ?? ""),
    progress: { current: index + 1, total: numbered.length },
    fields,
    errors: input.errors,
    can: {
      next: status === "active",
      // Nothing before the first page, unless it was opened from the review.
      back: status === "active" && (step !== definition.pages[0] || input.context.returnToReview === true),
      cancel: status === "active",
    },
    editing: input.context.returnToReview === true,
    ...(step === "cancelled" ? {} : definition.extras?.(step, input, deps)),
    // The browser checks names with the tenant's scripts too, not only the server.
    ...(deps.tenant.nameScripts && fields.some((f) => (nameFields as ReadonlyArray<string>).includes(f.name)) ? { nameScripts: deps.tenant.nameScripts } : {}),
    ...(step === "review" ? { review: reviewGroups(input.context, definition, deps) } : {}),
    ...(step === "captcha" && input.captcha ? { captcha: input.captcha } : {}),
    ...(step === "done" && definition.ending ? { ending: definition.ending(input.context) } : {}),
    ...(step === "done" && !definition.ending
      ? { done: { activationHours: ACTIVATION_TTL_MS / 3_600_000, ...(typeof input.context.sentTo === "string" ? { sentTo: input.context.sentTo } : {}) } }
      : {}),
  };
}

/**
 * What a field shows of a value typed or drafted: forms send text, but a draft holds whatever a client
 * sent; an object (even one whose `toString` is not a function) shows as an empty field, never a crash.
 */
const textOf = (raw: unknown): string => (typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : "");

/** SERVICES: each service of the tenant with its key, typed, drafted or held. */
export function servicesView(input: ViewInput, tenant: Tenant): ServiceKeyView[] {
  const answered = input.context.answers.services as { keys?: Record<string, { key: string; auto: boolean }> } | undefined;
  const keys = answered?.keys ?? {};
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

/** RÉCAPITULATIF: the lines of every reviewed step, as the step's registry entry writes them. */
function reviewGroups(context: FlowContext, definition: FlowDefinition, { tenant, places }: ViewDeps): ReviewGroup[] {
  return definition.reviewed.map((step) => {
    // A step that holds a photo (IDENTITÉ) shows it beside its lines.
    const photoId = (context.answers[step] as { photoId?: unknown } | undefined)?.photoId;
    return {
      step,
      title: definition.titles[step] ?? "",
      items: definition.steps[step] ? linesOf(definition.steps[step], context.answers[step], { places, services: tenant.services }) : [],
      ...(typeof photoId === "string" ? { photoId } : {}),
    };
  });
}
