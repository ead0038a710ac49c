import { assertEvent, assign, emit, enqueueActions, setup } from "xstate";

/** Bumped whenever a change to the chart could break a host relying on its states or events. */
export const kioskMachineVersion = 2;

/** How long each screen waits, in milliseconds (by default 90 s without a touch, then 30 s to answer the warning). */
export interface KioskTimings {
  idleMs: number;
  warningMs: number;
  handoffMs: number;
  doneMs: number;
}

export type KioskInput = Partial<KioskTimings> | undefined;

/** What the handoff screen shows: the resume code to type and the link behind the QR code. */
export interface KioskHandoff {
  code: string;
  link: string;
}

/**
 * Only the session's own facts. A countdown's seconds are not in here: the machine reads no clock,
 * so the UI counts down from the moment it saw `idleWarning` or `handoff` entered, using
 * `timings`, while the machine's own timer (`after`) decides when the time is really up.
 */
export interface KioskContext {
  timings: KioskTimings;
  /** The flow the person at the screen works on; null whenever nobody does. */
  token: string | null;
  handoff: KioskHandoff | null;
}

export type KioskEvent =
  | { type: "START"; token: string }
  | { type: "RESUME"; token: string }
  | { type: "TOUCH" }
  | { type: "STAY" }
  | { type: "HANDOFF"; code: string; link: string }
  | { type: "PHONE_TOOK_OVER" }
  /** "Revenir à mon inscription": the handoff was tapped by mistake. */
  | { type: "BACK" }
  | { type: "FINISHED" }
  | { type: "RESET" };

/**
 * Told to the host: `wiped` when the session is wiped, so it drops its own copies too (query caches, typed text);
 * `cancelCodes` just before, so it cancels on the server every resume code shown for the flow: a code read off
 * the screen, by whoever stood there, must not open the flow once its owner has gone.
 */
export type KioskEmitted = { type: "wiped" } | { type: "cancelCodes"; token: string };

const defaultTimings: KioskTimings = { idleMs: 90_000, warningMs: 30_000, handoffMs: 120_000, doneMs: 20_000 };

/**
 * The kiosk's session on the shared screen: whoever walks away is forgotten, and the next person
 * finds the attract screen. Only the screen forgets; the flow itself stays saved on the server.
 */
export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    events: {} as KioskEvent,
    input: {} as KioskInput,
    emitted: {} as KioskEmitted,
  },
  actions: {
    rememberFlow: assign(({ event }) => {
      assertEvent(event, ["START", "RESUME"]);
      return { token: event.token };
    }),
    rememberHandoff: assign(({ event }) => {
      assertEvent(event, "HANDOFF");
      return { handoff: { code: event.code, link: event.link } };
    }),
    wipeSession: assign({ token: null, handoff: null }),
    forgetHandoff: assign({ handoff: null }),
    announceWipe: emit({ type: "wiped" }),
    // Not from the handoff screen: its code is the one the citizen asked for, to carry away.
    cancelCodes: enqueueActions(({ context, enqueue }) => {
      if (context.token) enqueue.emit({ type: "cancelCodes", token: context.token });
    }),
  },
  guards: {
    // An empty token would open a session on nothing; the host sends one only once the API answered.
    hasFlowToken: ({ event }) => (event.type === "START" || event.type === "RESUME") && event.token.trim() !== "",
    hasHandoffCode: ({ event }) => event.type === "HANDOFF" && event.code.trim() !== "" && event.link.trim() !== "",
  },
  delays: {
    idle: ({ context }) => context.timings.idleMs,
    warning: ({ context }) => context.timings.warningMs,
    handoff: ({ context }) => context.timings.handoffMs,
    done: ({ context }) => context.timings.doneMs,
  },
}).createMachine({
  id: "kiosk",
  initial: "attract",
  context: ({ input }) => ({
    timings: {
      idleMs: input?.idleMs ?? defaultTimings.idleMs,
      warningMs: input?.warningMs ?? defaultTimings.warningMs,
      handoffMs: input?.handoffMs ?? defaultTimings.handoffMs,
      doneMs: input?.doneMs ?? defaultTimings.doneMs,
    },
    token: null,
    handoff: null,
  }),
  // Any screen can be left at once (a "Terminer" button, an agent's reset).
  on: { RESET: { target: ".reset", actions: "cancelCodes" } },
  states: {
    attract: {
      description: "Créer mon espace / Reprendre une inscription. Nobody's data is on screen.",
      on: {
        START: { guard: "hasFlowToken", target: "active", actions: "rememberFlow" },
        RESUME: { guard: "hasFlowToken", target: "active", actions: "rememberFlow" },
      },
    },
    active: {
      description: "Someone is filling in the flow. Each touch restarts the idle timer.",
      after: { idle: "idleWarning" },
      on: {
        // Re-entering restarts `after`: that is how a touch postpones the warning.
        TOUCH: { target: "active", reenter: true },
        HANDOFF: { guard: "hasHandoffCode", target: "handoff", actions: "rememberHandoff" },
        FINISHED: "done",
      },
    },
    idleWarning: {
      description:
        "« Êtes-vous toujours là ? » with a countdown, and no resume code: whoever stands there may not be the citizen. " +
        "Only its buttons answer it (WCAG 2.2.1): stay, or « Continuer sur mon téléphone » for the handoff screen and its code; " +
        "a stray touch is not taken for an answer. Unanswered, the screen is wiped and the codes shown earlier are cancelled.",
      after: { warning: { target: "reset", actions: "cancelCodes" } },
      on: {
        STAY: "active",
        HANDOFF: { guard: "hasHandoffCode", target: "handoff", actions: "rememberHandoff" },
        PHONE_TOOK_OVER: { target: "reset", actions: "cancelCodes" },
      },
    },
    handoff: {
      description: "« Continuer sur mon téléphone »: QR code and resume code, until the phone takes over.",
      after: { handoff: "reset" },
      // Every way out keeps the code: the citizen asked for it, to continue elsewhere.
      on: { PHONE_TOOK_OVER: "reset", RESET: "reset", BACK: { target: "active", actions: "forgetHandoff" } },
    },
    done: {
      description: "The end screen, shown for a while before the next person's turn.",
      after: { done: { target: "reset", actions: "cancelCodes" } },
    },
    reset: {
      description: "Transient: wipes the session, then shows the attract screen.",
      entry: ["wipeSession", "announceWipe"],
      always: "attract",
    },
  },
});
