import { and, assign, fromPromise, setup } from "xstate";
import { fr, type Address as AddressT, type Contacts as ContactsT, type FieldErrors } from "@guichet/schema";
import { submittedValues, type FlowScope } from "./registration";

/** Bumped whenever a change to the chart could make an older snapshot stop fitting it. */
export const changeContactsMachineVersion = 1;

/** The steps of the démarche that take values, as the step registry names them. */
export type ChangeContactsStep = "address" | "contacts";

/** What the démarche starts from: the account and its current values (the sign-up's pages, prefilled). */
export interface ChangeContactsInput {
  readonly accountId: string;
  readonly address: AddressT;
  readonly contacts: ContactsT;
}

/** What the save answers: the new e-mail address, masked, when it waits for its confirmation. */
export interface ContactsSaved {
  readonly emailPending?: string;
}

export interface ChangeContactsContext {
  /** The account the démarche changes: from its input, never from a move. */
  accountId: string;
  answers: { address?: AddressT; contacts?: ContactsT };
  /** What was typed on a step left with PRÉCÉDENT, unvalidated, so nothing typed is lost. */
  drafts: Partial<Record<ChangeContactsStep, Record<string, unknown>>>;
  /** Set by a "Modifier" link of the review: the step returns there when done. */
  returnToReview: boolean;
  /** Errors of the last move; transient, never persisted. */
  errors: FieldErrors;
  /** The request in hand, set by the host on every restore and never persisted. */
  request?: FlowScope;
  /** The final page's "a link was sent to m••••@exemple.fr": kept when the answers are forgotten. */
  emailPending?: string;
}

export type ChangeContactsEvent =
  | { type: "SUBMIT"; step: ChangeContactsStep | "review"; values?: unknown; today: string }
  | { type: "BACK"; draft?: Record<string, unknown> }
  | { type: "EDIT"; step: string }
  | { type: "CANCEL" };

const notProvided = (name: string) => async (): Promise<never> => {
  throw new Error(`actor ${name} must be provided by the host`);
};

/**
 * "Modifier mes coordonnées", a démarche of "Mon espace": ADRESSE and MOYENS DE CONTACT (the sign-up's
 * steps, prefilled with the account's values), RÉCAPITULATIF, then the save (the host's completion hook).
 */
export const changeContactsMachine = setup({
  types: {
    context: {} as ChangeContactsContext,
    events: {} as ChangeContactsEvent,
    input: {} as ChangeContactsInput,
  },
  actors: {
    saveContacts: fromPromise<ContactsSaved, { accountId: string; answers: ChangeContactsContext["answers"]; request?: FlowScope }>(
      notProvided("saveContacts"),
    ),
  },
  guards: {
    formValid: ({ event }, params: { step: ChangeContactsStep }) =>
      event.type === "SUBMIT" && event.step === params.step && submittedValues(event)?.ok === true,
    submitted: ({ event }, params: { step: "review" }) => event.type === "SUBMIT" && event.step === params.step,
    returningToReview: ({ context }) => context.returnToReview,
    editing: ({ event }, params: { step: ChangeContactsStep }) => event.type === "EDIT" && event.step === params.step,
    allAnswered: ({ context }) => context.answers.address !== undefined && context.answers.contacts !== undefined,
  },
  actions: {
    saveAnswer: assign(({ context, event }) => {
      if (event.type !== "SUBMIT") return {};
      const result = submittedValues(event);
      const drafts = { ...context.drafts };
      delete drafts[event.step as ChangeContactsStep];
      return { answers: { ...context.answers, [event.step]: result?.ok ? result.value : undefined }, drafts, errors: {} };
    }),
    saveDraft: assign(({ context, event }, params: { step: ChangeContactsStep }) =>
      event.type === "BACK" && event.draft ? { drafts: { ...context.drafts, [params.step]: event.draft }, errors: {} } : { errors: {} },
    ),
    startEditing: assign({ returnToReview: true, errors: {} }),
    stopEditing: assign({ returnToReview: false }),
    saved: assign(({ event }) => {
      const out = (event as unknown as { output: ContactsSaved }).output;
      return out.emailPending ? { emailPending: out.emailPending } : {};
    }),
    unexpectedFailure: assign({ errors: { _form: fr.errors.internal } }),
    /** Once the account holds the values (or the citizen gave up), the flow keeps none of them. */
    forgetAnswers: assign({ answers: {}, drafts: {}, errors: {} }),
  },
}).createMachine({
  id: "changeContacts",
  initial: "address",
  context: ({ input }) => ({
    accountId: input.accountId,
    answers: { address: input.address, contacts: input.contacts },
    drafts: {},
    returnToReview: false,
    errors: {},
  }),
  states: {
    address: {
      description: "ADRESSE, prefilled with the account's: the sign-up's page and rules.",
      on: {
        SUBMIT: [
          {
            guard: and([{ type: "formValid", params: { step: "address" as const } }, "returningToReview"]),
            target: "review",
            actions: ["saveAnswer", "stopEditing"],
          },
          { guard: { type: "formValid", params: { step: "address" } }, target: "contacts", actions: "saveAnswer" },
        ],
        BACK: { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "address" as const } }, "stopEditing"] },
        CANCEL: "cancelled",
      },
    },
    contacts: {
      description: "MOYENS DE CONTACT, prefilled: a new courriel counts only once its link is opened.",
      on: {
        SUBMIT: { guard: { type: "formValid", params: { step: "contacts" } }, target: "review", actions: ["saveAnswer", "stopEditing"] },
        BACK: [
          { guard: "returningToReview", target: "review", actions: [{ type: "saveDraft", params: { step: "contacts" as const } }, "stopEditing"] },
          { target: "address", actions: { type: "saveDraft", params: { step: "contacts" } } },
        ],
        CANCEL: "cancelled",
      },
    },
    review: {
      description: "RÉCAPITULATIF: both steps; « Modifier » opens one that comes back here.",
      on: {
        SUBMIT: { guard: and([{ type: "submitted", params: { step: "review" as const } }, "allAnswered"]), target: "saving" },
        EDIT: [
          { guard: { type: "editing", params: { step: "address" } }, target: "address", actions: "startEditing" },
          { guard: { type: "editing", params: { step: "contacts" } }, target: "contacts", actions: "startEditing" },
        ],
        BACK: "contacts",
        CANCEL: "cancelled",
      },
    },
    saving: {
      description: "The host's completion hook: the account's values and the e-mail in one transaction.",
      tags: ["busy"],
      invoke: {
        src: "saveContacts",
        input: ({ context }) => ({ accountId: context.accountId, answers: context.answers, ...(context.request ? { request: context.request } : {}) }),
        onDone: { target: "done", actions: ["saved", "forgetAnswers"] },
        onError: { target: "review", actions: "unexpectedFailure" },
      },
    },
    done: { type: "final" },
    cancelled: { type: "final", entry: "forgetAnswers" },
  },
});
