import { and, assign, fromPromise, setup } from "xstate";
import { fr, type FieldErrors } from "@guichet/schema";
import { submittedValues, type FlowScope } from "./registration";

/** What a one-step démarche starts from: the account, and the step's current values when it shows them. */
export interface AccountChangeInput {
  readonly accountId: string;
  /** The step's answer before any change (the account's names), its first value; none for a secret. */
  readonly current?: Record<string, unknown>;
}

/** What the save answers for the final page (a key released, an address waiting for its link…). */
export type AccountChangeOutcome = Readonly<Record<string, unknown>>;

export interface AccountChangeContext {
  /** The account the démarche changes: from its input, never from a move. */
  accountId: string;
  /** The step's answer, by step id (one step). */
  answers: Record<string, unknown>;
  /** What was typed on the step left with PRÉCÉDENT from the review, unvalidated. */
  drafts: Record<string, Record<string, unknown>>;
  /** Set by the review's "Modifier" link: the step returns there when done. */
  returnToReview: boolean;
  /** Errors of the last move; transient, never persisted. */
  errors: FieldErrors;
  /** The request in hand, set by the host on every restore and never persisted. */
  request?: FlowScope;
  /** What the save answered, for the final page; kept when the answers are forgotten. */
  outcome?: AccountChangeOutcome;
}

export type AccountChangeEvent =
  | { type: "SUBMIT"; step: string; values?: unknown; today: string }
  | { type: "BACK"; draft?: Record<string, unknown> }
  | { type: "EDIT"; step: string }
  | { type: "CANCEL" };

/** What the host's `save` actor is given: the account, the step's answer as reviewed, the request. */
export interface AccountChangeSave {
  readonly accountId: string;
  readonly answer: unknown;
  readonly request?: FlowScope;
}

export interface AccountChangeOptions {
  /** The machine's id ("changePassword"). */
  readonly id: string;
  /** The step that takes the values, an id of the step registry. */
  readonly step: string;
  /** What each state is, for the diagram of docs/. */
  readonly describe: { readonly step: string; readonly saving: string };
}

const notProvided = async (): Promise<never> => {
  throw new Error("actor save must be provided by the host");
};

/**
 * A démarche of "Mon espace" made of ONE step of the registry, its RÉCAPITULATIF and the save (the
 * host's completion hook): "Changer mon mot de passe", "Changer mon adresse électronique", "Modifier mon
 * identité". The step's rules are the registry's, checked by the host (`submittedValues`); what the step
 * keeps never holds a password (its entry's `toAnswer`).
 */
export function accountChangeMachine({ id, step, describe }: AccountChangeOptions) {
  return setup({
    types: {
      context: {} as AccountChangeContext,
      events: {} as AccountChangeEvent,
      input: {} as AccountChangeInput,
    },
    actors: {
      save: fromPromise<AccountChangeOutcome, AccountChangeSave>(notProvided),
    },
    guards: {
      formValid: ({ event }) => event.type === "SUBMIT" && event.step === step && submittedValues(event)?.ok === true,
      reviewed: ({ event }) => event.type === "SUBMIT" && event.step === "review",
      answered: ({ context }) => context.answers[step] !== undefined,
      returningToReview: ({ context }) => context.returnToReview,
      editing: ({ event }) => event.type === "EDIT" && event.step === step,
    },
    actions: {
      saveAnswer: assign(({ context, event }) => {
        const result = event.type === "SUBMIT" ? submittedValues(event) : undefined;
        const drafts = { ...context.drafts };
        delete drafts[step];
        return { answers: { ...context.answers, [step]: result?.ok ? result.value : undefined }, drafts, errors: {}, returnToReview: false };
      }),
      saveDraft: assign(({ context, event }) =>
        event.type === "BACK" && event.draft ? { drafts: { ...context.drafts, [step]: event.draft }, errors: {} } : { errors: {} },
      ),
      startEditing: assign({ returnToReview: true, errors: {} }),
      stopEditing: assign({ returnToReview: false }),
      saved: assign(({ event }) => ({ outcome: (event as unknown as { output: AccountChangeOutcome }).output ?? {} })),
      unexpectedFailure: assign({ errors: { _form: fr.errors.internal } }),
      /** Once the account holds the change (or the citizen gave up), the flow keeps none of it. */
      forgetAnswers: assign({ answers: {}, drafts: {}, errors: {} }),
    },
  }).createMachine({
    id,
    initial: step,
    context: ({ input }) => ({
      accountId: input.accountId,
      answers: input.current ? { [step]: input.current } : {},
      drafts: {},
      returnToReview: false,
      errors: {},
    }),
    states: {
      [step]: {
        description: describe.step,
        on: {
          SUBMIT: { guard: "formValid", target: "review", actions: "saveAnswer" },
          BACK: { guard: "returningToReview", target: "review", actions: ["saveDraft", "stopEditing"] },
          CANCEL: "cancelled",
        },
      },
      review: {
        description: "RÉCAPITULATIF: the step's lines; « Modifier » opens the step, which comes back here.",
        on: {
          SUBMIT: { guard: and(["reviewed", "answered"]), target: "saving" },
          EDIT: { guard: "editing", target: step, actions: "startEditing" },
          BACK: step,
          CANCEL: "cancelled",
        },
      },
      saving: {
        description: describe.saving,
        tags: ["busy"],
        invoke: {
          src: "save",
          input: ({ context }) => ({ accountId: context.accountId, answer: context.answers[step], ...(context.request ? { request: context.request } : {}) }),
          onDone: { target: "done", actions: ["saved", "forgetAnswers"] },
          onError: { target: "review", actions: "unexpectedFailure" },
        },
      },
      done: { type: "final" },
      cancelled: { type: "final", entry: "forgetAnswers" },
    },
  });
}
export type AccountChangeMachine = ReturnType<typeof accountChangeMachine>;

/** Bumped whenever a change to the chart could make an older snapshot stop fitting it. */
export const changePasswordMachineVersion = 1;
export const changePasswordMachine = accountChangeMachine({
  id: "changePassword",
  step: "newPassword",
  describe: {
    step: "NOUVEAU MOT DE PASSE: the current one (checked, throttled as a login), the new one twice with the sign-up's rules; only its hash is kept.",
    saving: "The completion hook: the new hash, the account's other sessions ended, the e-mail, in one transaction.",
  },
});

export const changeEmailMachineVersion = 1;
export const changeEmailMachine = accountChangeMachine({
  id: "changeEmail",
  step: "newEmail",
  describe: {
    step: "NOUVELLE ADRESSE ÉLECTRONIQUE: the current password (checked, throttled as a login), the new address twice.",
    saving: "The completion hook: the new address waits for its confirmation link; the e-mails, in one transaction.",
  },
});

export const changeIdentityMachineVersion = 1;
export const changeIdentityMachine = accountChangeMachine({
  id: "changeIdentity",
  step: "identityChange",
  describe: {
    step: "IDENTITÉ: birth name and first names, prefilled, as the tenant allows; the other names shown read-only.",
    saving: "The completion hook: the names, the service keys matched again (a key that no longer matches is released), the e-mail.",
  },
});
