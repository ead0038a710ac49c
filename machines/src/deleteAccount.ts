import { and, assign, fromPromise, setup } from "xstate";
import { fr, type FieldErrors, type StoredDeleteAccountConfirmation } from "@guichet/schema";
import { submittedValues, type FlowScope } from "./registration";

/** Bumped whenever a change to the chart could make an older snapshot stop fitting it. */
export const deleteAccountMachineVersion = 1;

/** What the démarche starts from: the account it erases. */
export interface DeleteAccountInput {
  readonly accountId: string;
}

/** What the erasure answers: the former address, masked, for the final page. */
export interface AccountErased {
  readonly sentTo: string;
}

export interface DeleteAccountContext {
  /** The account the démarche erases: from its input, never from a move. */
  accountId: string;
  /** The confirmation as kept: the box ticked and the password checked, never the password. */
  answers: { deleteAccount?: StoredDeleteAccountConfirmation };
  /** Kept for the contract of every flow; this démarche has no page a draft is typed on. */
  drafts: Record<string, Record<string, unknown>>;
  /** Set by the review's "Modifier" link: the confirmation returns there when done. */
  returnToReview: boolean;
  /** Errors of the last move; transient, never persisted. */
  errors: FieldErrors;
  /** The request in hand, set by the host on every restore and never persisted. */
  request?: FlowScope;
  /** The final page's "an e-mail was sent to m••••@exemple.fr". */
  sentTo?: string;
}

export type DeleteAccountEvent =
  | { type: "SUBMIT"; step: "deleteAccount" | "review"; values?: unknown; today: string }
  | { type: "BACK"; draft?: Record<string, unknown> }
  | { type: "EDIT"; step: string }
  | { type: "CANCEL" };

const notProvided = (name: string) => async (): Promise<never> => {
  throw new Error(`actor ${name} must be provided by the host`);
};

/**
 * "Supprimer mon espace", a démarche of "Mon espace": CONFIRMATION (the current password, checked
 * by the host before the machine sees the answer, and the box saying what will be erased), RÉCAPITULATIF,
 * then the erasure (the host's transaction: every row erased or anonymised, the keys released, the
 * e-mail queued).
 */
export const deleteAccountMachine = setup({
  types: {
    context: {} as DeleteAccountContext,
    events: {} as DeleteAccountEvent,
    input: {} as DeleteAccountInput,
  },
  actors: {
    eraseAccount: fromPromise<AccountErased, { accountId: string; request?: FlowScope }>(notProvided("eraseAccount")),
  },
  guards: {
    formValid: ({ event }) => event.type === "SUBMIT" && event.step === "deleteAccount" && submittedValues(event)?.ok === true,
    reviewSubmitted: ({ event }) => event.type === "SUBMIT" && event.step === "review",
    confirmed: ({ context }) => context.answers.deleteAccount?.understood === true && context.answers.deleteAccount.passwordChecked === true,
    returningToReview: ({ context }) => context.returnToReview,
    editing: ({ event }) => event.type === "EDIT" && event.step === "deleteAccount",
  },
  actions: {
    saveAnswer: assign(({ context, event }) => {
      if (event.type !== "SUBMIT") return {};
      const result = submittedValues(event);
      return result?.ok ? { answers: { ...context.answers, deleteAccount: result.value as StoredDeleteAccountConfirmation }, errors: {} } : {};
    }),
    startEditing: assign({ returnToReview: true, errors: {} }),
    stopEditing: assign({ returnToReview: false, errors: {} }),
    erased: assign(({ event }) => ({ sentTo: (event as unknown as { output: AccountErased }).output.sentTo })),
    unexpectedFailure: assign({ errors: { _form: fr.errors.internal } }),
    forgetAnswers: assign({ answers: {}, drafts: {}, errors: {} }),
  },
}).createMachine({
  id: "deleteAccount",
  initial: "deleteAccount",
  context: ({ input }) => ({ accountId: input.accountId, answers: {}, drafts: {}, returnToReview: false, errors: {} }),
  states: {
    deleteAccount: {
      description: "CONFIRMATION: what will be erased, the current password (checked by the host, throttled as a login), the box.",
      on: {
        SUBMIT: { guard: "formValid", target: "review", actions: ["saveAnswer", "stopEditing"] },
        // No page before this one: PRÉCÉDENT only returns to the review it was opened from (nothing typed is kept).
        BACK: { guard: "returningToReview", target: "review", actions: "stopEditing" },
        CANCEL: "cancelled",
      },
    },
    review: {
      description: "RÉCAPITULATIF: the confirmation; « Supprimer définitivement mon espace » erases the espace.",
      on: {
        SUBMIT: { guard: and(["reviewSubmitted", "confirmed"]), target: "erasing" },
        EDIT: { guard: "editing", target: "deleteAccount", actions: "startEditing" },
        BACK: "deleteAccount",
        CANCEL: "cancelled",
      },
    },
    erasing: {
      description: "The host's transaction: every row erased or anonymised, the keys released, the e-mail queued, the sessions ended.",
      tags: ["busy"],
      invoke: {
        src: "eraseAccount",
        input: ({ context }) => ({ accountId: context.accountId, ...(context.request ? { request: context.request } : {}) }),
        onDone: { target: "done", actions: ["erased", "forgetAnswers"] },
        onError: { target: "review", actions: "unexpectedFailure" },
      },
    },
    done: { type: "final" },
    cancelled: { type: "final", entry: "forgetAnswers" },
  },
});
