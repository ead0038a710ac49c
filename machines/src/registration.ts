import { and, assign, fromPromise, setup } from "xstate";
import {
  fr,
  stepRegistry,
  storedSchema,
  maskEmail,
  validate,
  type Address as AddressT,
  type CaptchaView,
  type Contacts as ContactsT,
  type EditableStep,
  type FieldErrors,
  type Identity,
  type StepId,
  type StoredCredentials as StoredCredentialsT,
  type Terms as TermsT,
  type Validation,
} from "@guichet/schema";

/** Bumped whenever a change to the chart could make an older snapshot stop fitting it. */
export const registrationMachineVersion = 1;

export interface ServiceKey {
  readonly key: string;
  readonly auto: boolean;
}

export interface Answers {
  terms?: TermsT;
  identity?: Identity;
  address?: AddressT;
  contacts?: ContactsT;
  credentials?: StoredCredentialsT;
  services?: { keys: Record<string, ServiceKey> };
}

export interface RegistrationContext {
  answers: Answers;
  /** What was typed on a step left with PRÉCÉDENT, unvalidated, so nothing typed is lost. */
  drafts: Partial<Record<StepId, Record<string, unknown>>>;
  /** Set by a "Modifier" link of the review: the step returns there when done. */
  returnToReview: boolean;
  /** Errors of the last move; transient, never persisted. */
  errors: FieldErrors;
  /** A submission waiting for an actor's answer; busy states are never persisted, nor is this. */
  pending?: unknown;
  accountId?: string;
  /** The request in hand, set by the host on every restore and never persisted: the actors' way to know it. */
  request?: FlowScope;
  /** The next security check, as the verifier answered a wrong guess; transient like `errors`. */
  captchaNext?: CaptchaView;
  /** The final page's "sent to m••••@exemple.fr": the address masked, kept when the answers are forgotten. */
  sentTo?: string;
  /** IDENTITÉ as FranceConnect certified it: these values are locked, and the account keeps `sub`. */
  franceConnect?: CertifiedIdentity;
}

/** An identity FranceConnect sent (the host checked the ID token and mapped the claims onto IDENTITÉ). */
export interface CertifiedIdentity {
  /** FranceConnect's stable identifier of the citizen for this service. */
  readonly sub: string;
  /** IDENTITÉ's fields FranceConnect filled: they can no longer be changed by typing. */
  readonly identity: Readonly<Record<string, string>>;
  /** The birthplace as sent, when it is not today's commune (merged since). */
  readonly birthplaceAsSent?: { readonly inseeCode: string; readonly nom?: string };
}

/** Which flow a move is for, and who makes it: what the host's actors need of the request. */
export interface FlowScope {
  readonly flowId: string;
  /** The client's address; absent for calls made by the server itself (live views, resumes). */
  readonly ip?: string;
  /** The caller's session (its id, the hash of its token) when logged in: a démarche's save may keep it alone. */
  readonly session?: string;
}

/** Every event carries `today` (YYYY-MM-DD) from the host, so that the machine reads no clock. */
export type RegistrationEvent =
  | { type: "START" }
  | { type: "SUBMIT"; step: "terms"; values: unknown; today: string }
  | { type: "SUBMIT"; step: "identity"; values: unknown; today: string }
  | { type: "SUBMIT"; step: "address"; values: unknown; today: string }
  | { type: "SUBMIT"; step: "contacts"; values: unknown; today: string }
  | { type: "SUBMIT"; step: "credentials"; values: unknown; today: string }
  | { type: "SUBMIT"; step: "services"; values: { keys: Record<string, string> }; today: string }
  | { type: "SUBMIT"; step: "review"; values?: unknown; today: string }
  | { type: "SUBMIT"; step: "captcha"; values: CaptchaSubmission; today: string }
  | { type: "BACK"; draft?: Record<string, unknown> }
  | { type: "EDIT"; step: EditableStep }
  | { type: "CANCEL" }
  /** Sent by the host, never by a page: FranceConnect's identity, checked, for IDENTITÉ; `email` is suggested at MOYENS DE CONTACT. */
  | { type: "FRANCECONNECT"; certified: CertifiedIdentity; email?: string };

export interface CaptchaSubmission {
  readonly challengeId: string;
  readonly cellKey?: string;
  readonly text?: string;
}

/** What the world answers; the server gives the real implementations with `machine.provide`. */
export type UsernameCheck = { available: boolean };
export type ServiceKeysResult = { keys: Record<string, ServiceKey>; errors: FieldErrors };
export type CaptchaResult = { ok: true } | { ok: false; message: string; next?: CaptchaView };
export type AccountResult = { ok: true; accountId: string } | { ok: false; reason: "usernameTaken" };

// The machine does no I/O: every actor is a placeholder until the host provides it.
const notProvided = (name: string) => async (): Promise<never> => {
  throw new Error(`actor ${name} must be provided by the host`);
};

/** The identity fields the services match on; a change to them makes automatic keys stale. */
const matchKey = (i?: Identity) => (i ? [i.nomUsuel, i.nomNaissance ?? "", i.prenoms, i.dateNaissance ?? ""].join("|").toLowerCase() : "");

type FormStep = "terms" | "identity" | "address" | "contacts" | "credentials" | "services" | "captcha";

// A submission is checked once per move: the guard's verdict is what the action saves (same event object).
const verdicts = new WeakMap<object, Validation<unknown>>();

/**
 * A SUBMIT whose values the host checked already with the step's registry entry (`checkStep`, then
 * `toAnswer`): the machine takes that verdict instead of checking the same values a second time. Any
 * other event (a test, a host that does not vouch) is checked here, with the step's stored schema.
 */
export function checkedSubmit<const E extends { type: "SUBMIT"; step: string; values?: unknown }>(event: E): E {
  verdicts.set(event, { ok: true, value: event.values });
  return event;
}

function verdict(event: RegistrationEvent): Validation<unknown> | undefined {
  if (event.type !== "SUBMIT") return undefined;
  let result = verdicts.get(event);
  if (!result) {
    const step = stepRegistry[event.step];
    const schema = step ? storedSchema(step, event.today) : undefined;
    if (!schema) return undefined;
    result = validate(schema, event.values);
    verdicts.set(event, result);
  }
  return result;
}

/** The values as the step's schema decodes them: keys it does not know (a clear password…) never enter the context. */
function decoded(event: RegistrationEvent): unknown {
  const result = verdict(event);
  return result?.ok ? result.value : undefined;
}

/**
 * Any machine's reading of a SUBMIT of a registry step: the host's verdict (`checkedSubmit`), or the
 * step's stored schema checked here; undefined for another event or a step without values. A démarche's
 * guards and actions read their values through this, as the sign-up's do.
 */
export const submittedValues = (event: { type: string; step?: string; values?: unknown; today?: string }): Validation<unknown> | undefined =>
  event.type === "SUBMIT" && typeof event.step === "string" && typeof event.today === "string" ? verdict(event as RegistrationEvent) : undefined;

export const registrationMachine = setup({
  types: {
    context: {} as RegistrationContext,
    events: {} as RegistrationEvent,
  },
  actors: {
    checkUsername: fromPromise<UsernameCheck, { username: string }>(notProvided("checkUsername")),
    matchServices: fromPromise<Record<string, ServiceKey>, { identity?: Identity; current: Record<string, ServiceKey> }>(notProvided("matchServices")),
    checkServiceKeys: fromPromise<
      ServiceKeysResult,
      { identity?: Identity; typed: Record<string, string>; current: Record<string, ServiceKey>; request?: FlowScope }
    >(notProvided("checkServiceKeys")),
    verifyCaptcha: fromPromise<CaptchaResult, CaptchaSubmission & { request?: FlowScope }>(notProvided("verifyCaptcha")),
    createAccount: fromPromise<AccountResult, { answers: Answers; request?: FlowScope; franceConnectSub?: string }>(notProvided("createAccount")),
  },
  guards: {
    /** The server validated already; the machine checks again so that no host can skip a rule. */
    formValid: ({ event }, params: { step: FormStep }) => event.type === "SUBMIT" && event.step === params.step && verdict(event)?.ok === true,
    credentialsValid: ({ event }) => event.type === "SUBMIT" && event.step === "credentials" && verdict(event)?.ok === true,
    submitted: ({ event }, params: { step: StepId }) => event.type === "SUBMIT" && event.step === params.step,
    /** A flow whose identity FranceConnect certified takes no other value for the certified fields. */
    certifiedIdentityChanged: ({ context, event }) => {
      const certified = context.franceConnect?.identity;
      if (!certified || event.type !== "SUBMIT" || event.step !== "identity") return false;
      const result = verdict(event);
      if (!result?.ok) return false;
      const sent = result.value as Record<string, unknown>;
      return Object.entries(certified).some(([name, value]) => (typeof sent[name] === "string" ? (sent[name] as string).trim() : "") !== value);
    },
    returningToReview: ({ context }) => context.returnToReview,
    /** A new name or birth date makes the automatic service keys stale: SERVICES must look again. */
    identityMatchChanged: ({ context, event }) =>
      event.type === "SUBMIT" && context.answers.services !== undefined && matchKey(context.answers.identity) !== matchKey(event.values as Identity),
    editing: ({ event }, params: { step: EditableStep }) => event.type === "EDIT" && event.step === params.step,
    allAnswered: ({ context }) => {
      const a = context.answers;
      return !!(a.terms && a.identity && a.address && a.contacts && a.credentials);
    },
    usernameAvailable: ({ event }) => (event as unknown as { output: UsernameCheck }).output.available,
    keysAccepted: ({ event }) => Object.keys((event as unknown as { output: ServiceKeysResult }).output.errors).length === 0,
    captchaPassed: ({ event }) => (event as unknown as { output: CaptchaResult }).output.ok,
    accountCreated: ({ event }) => (event as unknown as { output: AccountResult }).output.ok,
  },
  actions: {
    saveAnswer: assign(({ context, event }) => {
      if (event.type !== "SUBMIT") return {};
      const drafts = { ...context.drafts };
      delete drafts[event.step];
      const value = event.step === "identity" ? cleanIdentity(decoded(event) as Identity) : decoded(event);
      return { answers: { ...context.answers, [event.step]: value }, drafts, errors: {} };
    }),
    holdSubmission: assign(({ event }) => (event.type === "SUBMIT" ? { pending: decoded(event), errors: {} } : {})),
    savePendingCredentials: assign(({ context }) => ({
      answers: { ...context.answers, credentials: context.pending as StoredCredentialsT },
      drafts: withoutKey(context.drafts, "credentials"),
      pending: undefined,
    })),
    saveKeys: assign(({ context, event }) => ({
      answers: {
        ...context.answers,
        services: { keys: (event as unknown as { output: ServiceKeysResult }).output.keys },
      },
      drafts: withoutKey(context.drafts, "services"),
      pending: undefined,
    })),
    saveMatchedKeys: assign(({ context, event }) => ({
      answers: {
        ...context.answers,
        services: { keys: (event as unknown as { output: Record<string, ServiceKey> }).output },
      },
    })),
    keyErrors: assign(({ event }) => ({
      errors: (event as unknown as { output: ServiceKeysResult }).output.errors,
      pending: undefined,
    })),
    captchaRefused: assign(({ event }) => {
      const out = (event as unknown as { output: CaptchaResult }).output;
      return { errors: { answer: out.ok ? "" : out.message }, pending: undefined, ...(!out.ok && out.next ? { captchaNext: out.next } : {}) };
    }),
    saveDraft: assign(({ context, event }, params: { step: StepId }) => {
      if (event.type !== "BACK" || !event.draft) return { errors: {} };
      // A password typed but not submitted is dropped: secrets never reach a snapshot.
      const { password: _p, confirmation: _c, ...safe } = event.draft;
      return { drafts: { ...context.drafts, [params.step]: safe }, errors: {} };
    }),
    forgetAutomaticKeys: assign(({ context }) => {
      const keys = context.answers.services?.keys ?? {};
      const kept = Object.fromEntries(Object.entries(keys).filter(([, k]) => !k.auto));
      return { answers: { ...context.answers, services: { keys: kept } } };
    }),
    /** FranceConnect's identity fills IDENTITÉ (as a draft: the step still asks for SUIVANT, and the photo) and locks it. */
    certifyIdentity: assign(({ context, event }) => {
      if (event.type !== "FRANCECONNECT") return {};
      const { certified, email } = event;
      const drafts = { ...context.drafts };
      drafts.identity = { ...(context.answers.identity ?? {}), ...(context.drafts.identity ?? {}), ...certified.identity };
      const contacts = { ...(context.answers.contacts ?? {}), ...(context.drafts.contacts ?? {}) } as Record<string, unknown>;
      if (email && !contacts.courriel) drafts.contacts = { ...(context.drafts.contacts ?? {}), courriel: email };
      return { franceConnect: certified, drafts, errors: {} };
    }),
    certifiedIdentityRefused: assign({ errors: { _form: fr.identity.certifiedChanged } }),
    startEditing: assign({ returnToReview: true, errors: {} }),
    clearErrors: assign({ errors: {} }),
    stopEditing: assign({ returnToReview: false }),
    usernameTaken: assign({ errors: { username: fr.credentials.usernameTaken }, pending: undefined }),
    unexpectedFailure: assign({ errors: { _form: fr.errors.internal }, pending: undefined }),
    accountCreated: assign(({ context, event }) => {
      const out = (event as unknown as { output: AccountResult }).output;
      const email = context.answers.contacts?.courriel;
      return { accountId: out.ok ? out.accountId : undefined, ...(email ? { sentTo: maskEmail(email) } : {}) };
    }),
    /** Once the account holds the answers (or the citizen gave up), the flow keeps none of them. */
    forgetAnswers: assign({ answers: {}, drafts: {}, errors: {}, pending: undefined, franceConnect: undefined }),
  },
}).createMachine({
  id: "registration",
  initial: "welcome",
  context: { answers: {}, drafts: {}, returnToReview: false, errors: {} },
  states: {
    welcome: {
      description: "BIENVENUE: « Je crée mon espace ».",
      on: { START: "terms", FRANCECONNECT: { target: "terms", actions: "certifyIdentity" }, CANCEL: "cancelled" },
    },
    terms: {
      description: "CGU: the box « J'accepte les conditions générales d'utilisation » must be ticked.",
      on: {
        SUBMIT: { guard: { type: "formValid", params: { step: "terms" } }, target: "identity", actions: "saveAnswer" },
        BACK: { target: "welcome", actions: { type: "saveDraft", params: { step: "terms" } } },
        FRANCECONNECT: { actions: "certifyIdentity" },
        CANCEL: "cancelled",
      },
    },
    identity: {
      description: "IDENTITÉ: civilité, names, birth date and place, photo id. A new name or birth date sends a flow that had answered SERVICES back there.",
      on: {
        SUBMIT: [
          { guard: "certifiedIdentityChanged", actions: "certifiedIdentityRefused" },
          {
            guard: and([{ type: "formValid", params: { step: "identity" as const } }, "identityMatchChanged"]),
            target: "services",
            actions: ["saveAnswer", "forgetAutomaticKeys"],
          },
          {
            guard: and([{ type: "formValid", params: { step: "identity" as const } }, "returningToReview"]),
            target: "review",
            actions: ["saveAnswer", "stopEditing"],
          },
          { guard: { type: "formValid", params: { step: "identity" } }, target: "address", actions: "saveAnswer" },
        ],
        BACK: [
          { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "identity" as const } }, "stopEditing"] },
          { target: "terms", actions: { type: "saveDraft", params: { step: "identity" } } },
        ],
        FRANCECONNECT: { actions: "certifyIdentity" },
        CANCEL: "cancelled",
      },
    },
    address: {
      description: "ADRESSE: voie, code postal and ville required; chosen from the territory's streets or typed freely.",
      on: {
        SUBMIT: [
          {
            guard: and([{ type: "formValid", params: { step: "address" as const } }, "returningToReview"]),
            target: "review",
            actions: ["saveAnswer", "stopEditing"],
          },
          { guard: { type: "formValid", params: { step: "address" } }, target: "contacts", actions: "saveAnswer" },
        ],
        BACK: [
          { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "address" as const } }, "stopEditing"] },
          { target: "identity", actions: { type: "saveDraft", params: { step: "address" } } },
        ],
        CANCEL: "cancelled",
      },
    },
    contacts: {
      description: "MOYENS DE CONTACT: courriel required; the preferred means must be one filled in.",
      on: {
        SUBMIT: [
          {
            guard: and([{ type: "formValid", params: { step: "contacts" as const } }, "returningToReview"]),
            target: "review",
            actions: ["saveAnswer", "stopEditing"],
          },
          { guard: { type: "formValid", params: { step: "contacts" } }, target: "credentials", actions: "saveAnswer" },
        ],
        BACK: [
          { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "contacts" as const } }, "stopEditing"] },
          { target: "address", actions: { type: "saveDraft", params: { step: "contacts" } } },
        ],
        CANCEL: "cancelled",
      },
    },
    credentials: {
      description: "AUTHENTIFICATION: the username must be free (checked by the host); only the password's argon2id hash arrives.",
      initial: "editing",
      states: {
        editing: {
          on: {
            SUBMIT: { guard: "credentialsValid", target: "checking", actions: "holdSubmission" },
          },
        },
        checking: {
          tags: ["busy"],
          invoke: {
            src: "checkUsername",
            input: ({ context }) => ({ username: (context.pending as StoredCredentialsT).username }),
            onDone: [
              { guard: and(["usernameAvailable", "returningToReview"]), target: "#registration.review", actions: ["savePendingCredentials", "stopEditing"] },
              { guard: "usernameAvailable", target: "#registration.services", actions: "savePendingCredentials" },
              { target: "editing", actions: "usernameTaken" },
            ],
            onError: { target: "editing", actions: "unexpectedFailure" },
          },
        },
      },
      on: {
        BACK: [
          { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "credentials" as const } }, "stopEditing"] },
          { target: "contacts", actions: { type: "saveDraft", params: { step: "credentials" } } },
        ],
        CANCEL: "cancelled",
      },
    },
    services: {
      description: "SERVICES: keys filled in when a service knows the citizen, typed keys checked by the service.",
      initial: "matching",
      states: {
        matching: {
          tags: ["busy"],
          invoke: {
            src: "matchServices",
            input: ({ context }) => ({ identity: context.answers.identity, current: context.answers.services?.keys ?? {} }),
            onDone: { target: "editing", actions: "saveMatchedKeys" },
            onError: { target: "editing", actions: "unexpectedFailure" },
          },
        },
        editing: {
          on: {
            SUBMIT: { guard: { type: "formValid", params: { step: "services" } }, target: "checking", actions: "holdSubmission" },
          },
        },
        checking: {
          tags: ["busy"],
          invoke: {
            src: "checkServiceKeys",
            input: ({ context }) => ({
              identity: context.answers.identity,
              typed: (context.pending as { keys: Record<string, string> }).keys,
              current: context.answers.services?.keys ?? {},
              ...scope(context),
            }),
            onDone: [
              { guard: "keysAccepted", target: "#registration.review", actions: ["saveKeys", "stopEditing"] },
              { target: "editing", actions: "keyErrors" },
            ],
            onError: { target: "editing", actions: "unexpectedFailure" },
          },
        },
      },
      on: {
        BACK: [
          { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "services" as const } }, "stopEditing"] },
          { target: "credentials", actions: { type: "saveDraft", params: { step: "services" } } },
        ],
        CANCEL: "cancelled",
      },
    },
    review: {
      description: "RÉCAPITULATIF: every answer; « Modifier » opens a step that comes back here.",
      on: {
        SUBMIT: { guard: and([{ type: "submitted", params: { step: "review" as const } }, "allAnswered"]), target: "captcha" },
        EDIT: [
          { guard: { type: "editing", params: { step: "identity" } }, target: "identity", actions: "startEditing" },
          { guard: { type: "editing", params: { step: "address" } }, target: "address", actions: "startEditing" },
          { guard: { type: "editing", params: { step: "contacts" } }, target: "contacts", actions: "startEditing" },
          { guard: { type: "editing", params: { step: "credentials" } }, target: "credentials", actions: "startEditing" },
          { guard: { type: "editing", params: { step: "services" } }, target: "services", actions: "startEditing" },
        ],
        BACK: "services",
        CANCEL: "cancelled",
      },
    },
    captcha: {
      description: "CONTRÔLE DE SÉCURITÉ: checked by the host, then the account is created.",
      initial: "answering",
      states: {
        answering: {
          on: {
            SUBMIT: { guard: { type: "formValid", params: { step: "captcha" } }, target: "verifying", actions: "holdSubmission" },
          },
        },
        verifying: {
          tags: ["busy"],
          invoke: {
            src: "verifyCaptcha",
            input: ({ context }) => ({ ...(context.pending as CaptchaSubmission), ...scope(context) }),
            onDone: [
              { guard: "captchaPassed", target: "creating" },
              { target: "answering", actions: "captchaRefused" },
            ],
            onError: { target: "answering", actions: "unexpectedFailure" },
          },
        },
        creating: {
          tags: ["busy"],
          invoke: {
            src: "createAccount",
            input: ({ context }) => ({
              answers: context.answers,
              ...scope(context),
              ...(context.franceConnect ? { franceConnectSub: context.franceConnect.sub } : {}),
            }),
            onDone: [
              { guard: "accountCreated", target: "#registration.done", actions: ["accountCreated", "forgetAnswers"] },
              // startEditing clears errors: it must come before the error it would otherwise erase.
              { target: "#registration.credentials.editing", actions: ["startEditing", "usernameTaken"] },
            ],
            onError: { target: "answering", actions: "unexpectedFailure" },
          },
        },
      },
      on: {
        BACK: { target: "review", actions: "clearErrors" },
        CANCEL: "cancelled",
      },
    },
    done: { type: "final" },
    cancelled: { type: "final", entry: "forgetAnswers" },
  },
});

/** The request in hand for an actor's input, when the host gave one. */
const scope = (context: RegistrationContext) => (context.request ? { request: context.request } : {});

function withoutKey<T extends object>(o: T, key: keyof T): T {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** Born abroad: no département, the commune is free text. */
function cleanIdentity(identity: Identity): Identity {
  if ((identity.paysNaissance ?? "FR") === "FR") return identity;
  const { departementNaissance: _d, ...rest } = identity;
  return rest;
}
