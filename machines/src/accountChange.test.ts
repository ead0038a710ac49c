import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor, type SnapshotFrom } from "xstate";
import { getAdjacencyMap, getShortestPaths, type StatePath } from "xstate/graph";
import { fr } from "@guichet/schema";
import {
  changeEmailMachine,
  changeIdentityMachine,
  changePasswordMachine,
  type AccountChangeEvent,
  type AccountChangeInput,
  type AccountChangeMachine,
  type AccountChangeOutcome,
} from "./accountChange";

/*
 * Model-based tests of the three one-step démarches, as for the sign-up: `xstate/graph` walks each chart's
 * pure transitions with the events a citizen (or the save) can make in each state; every edge found is
 * then driven on a real actor whose save is a stub, and judged against the démarche's rules written out
 * below, not against the chart.
 */

const TODAY = "2026-11-30";
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VsZ3JhbmQ$aGFzaA";

interface Case {
  readonly name: string;
  readonly machine: AccountChangeMachine;
  readonly step: string;
  readonly input: AccountChangeInput;
  /** Values the stored schema accepts (what the host's `toAnswer` makes), and values it refuses. */
  readonly valid: Record<string, unknown>;
  readonly invalid: Record<string, unknown>;
  readonly outcome: AccountChangeOutcome;
}

const cases: Case[] = [
  {
    name: "Changer mon mot de passe",
    machine: changePasswordMachine,
    step: "newPassword",
    input: { accountId: "acc-0001" },
    valid: { passwordHash: HASH },
    invalid: { passwordHash: "Tr0ub4dour&3" },
    outcome: {},
  },
  {
    name: "Changer mon adresse électronique",
    machine: changeEmailMachine,
    step: "newEmail",
    input: { accountId: "acc-0001" },
    valid: { courriel: "marc.boyet@nouveau.example.fr" },
    invalid: { courriel: "pas-une-adresse" },
    outcome: { emailPending: "m••••@nouveau.example.fr" },
  },
  {
    name: "Modifier mon identité",
    machine: changeIdentityMachine,
    step: "identityChange",
    input: { accountId: "acc-0001", current: { nomNaissance: "MARTIN", prenoms: "Marc" } },
    valid: { nomNaissance: "DURAND", prenoms: "Marc Henri" },
    invalid: { prenoms: "" },
    outcome: { released: ["Enfance"] },
  },
];

type Kind = "cancel" | "back" | "edit" | "valid" | "invalid" | "wrong-step" | "saved" | "failed";

describe.each(cases)("$name, model-based", ({ machine, step, input, valid, invalid, outcome }) => {
  type Snap = SnapshotFrom<typeof machine>;
  type Outcome = { type: string; actorId: string; output?: unknown; error?: unknown };
  type ModelEvent = AccountChangeEvent | Outcome;

  const meta = new WeakMap<object, { label: string; kind: Kind }>();
  const tag = <E extends object>(event: E, label: string, kind: Kind): E => (meta.set(event, { label, kind }), event);
  const kindOf = (e: object) => meta.get(e)!.kind;
  const labelOf = (e: object) => meta.get(e)?.label ?? JSON.stringify(e);

  const submit = (s: string, values: unknown, label: string, kind: Kind = "valid") =>
    tag({ type: "SUBMIT", step: s, values, today: TODAY } as AccountChangeEvent, `SUBMIT of ${label}`, kind);
  const CANCEL = tag({ type: "CANCEL" } as AccountChangeEvent, "CANCEL", "cancel");
  const BACK = tag({ type: "BACK", draft: { x: "typed" } } as AccountChangeEvent, "BACK with a draft", "back");
  const edit = (s: string) => tag({ type: "EDIT", step: s } as AccountChangeEvent, `EDIT ${s}`, "edit");
  const invokeId = machine.getStateNodeById(`${machine.id}.saving`).invoke[0]!.id;
  const SAVED = tag({ type: `xstate.done.actor.${invokeId}`, actorId: invokeId, output: outcome }, "save done", "saved");
  const FAILED = tag({ type: `xstate.error.actor.${invokeId}`, actorId: invokeId, error: new Error("base indisponible") }, "save failing", "failed");

  function modelEvents(s: Snap): ModelEvent[] {
    if (s.status !== "active") return [];
    if (s.matches(step))
      return [
        submit(step, valid, "valid values"),
        submit(step, invalid, "values its rules refuse", "invalid"),
        submit("address", {}, "another step", "wrong-step"),
        BACK,
        CANCEL,
      ];
    if (s.matches("review")) return [submit("review", {}, "the review"), edit(step), edit("credentials"), BACK, CANCEL];
    if (s.matches("saving")) return [SAVED, FAILED, CANCEL];
    return [];
  }

  const key = (s: Snap) =>
    JSON.stringify({ v: s.value, a: s.context.answers, d: Object.keys(s.context.drafts), r: s.context.returnToReview, e: Object.keys(s.context.errors) });
  const traversal = { events: (s: Snap) => modelEvents(s) as AccountChangeEvent[], serializeState: key, input } as const;
  const adjacency = getAdjacencyMap(machine, traversal);
  const shortest = new Map<string, StatePath<Snap, AccountChangeEvent>>(getShortestPaths(machine, traversal).map((p) => [key(p.state), p]));

  /** A real actor whose save is a stub the test settles. */
  function open() {
    const calls: Array<{ input: unknown; resolve: (v: AccountChangeOutcome) => void; reject: (e: unknown) => void }> = [];
    const provided = machine.provide({
      actors: { save: fromPromise(({ input }) => new Promise<AccountChangeOutcome>((resolve, reject) => calls.push({ input, resolve, reject }))) },
    });
    const actor = createActor(provided, { input }).start();
    return { actor, calls };
  }

  async function play(flow: ReturnType<typeof open>, event: ModelEvent) {
    const kind = kindOf(event);
    if (kind === "saved" || kind === "failed") {
      const before = flow.actor.getSnapshot();
      const call = flow.calls.at(-1)!;
      if (kind === "saved") call.resolve((event as Outcome).output as AccountChangeOutcome);
      else call.reject((event as Outcome).error);
      await waitFor(flow.actor, (s) => s !== before, { timeout: 1000 });
    } else flow.actor.send(event as AccountChangeEvent);
  }

  /** The démarche's rules: where each move leads and what it keeps. */
  function judge(before: Snap, event: ModelEvent, after: Snap, callsBefore: number, callsAfter: number) {
    const ctx = before.context;
    const at = before.value as string;
    switch (kindOf(event)) {
      case "cancel":
        // The save is under way: it ends as it ends, a CANCEL then changes nothing.
        if (at === "saving") return expect(after.value).toBe("saving");
        expect(after.value).toBe("cancelled");
        expect(after.context.answers).toEqual({});
        expect(after.context.drafts).toEqual({});
        return;
      case "invalid":
      case "wrong-step":
        expect(after.value).toBe(at);
        expect(after.context.answers).toEqual(ctx.answers);
        return;
      case "back":
        // From the step, PRÉCÉDENT leads back only to the review that opened it (the step is the first page).
        expect(after.value).toBe(at === "review" ? step : ctx.returnToReview ? "review" : at);
        expect(after.context.answers).toEqual(ctx.answers);
        return;
      case "edit": {
        const target = (event as { step: string }).step;
        if (target !== step) return expect(after.value).toBe("review");
        expect(after.value).toBe(step);
        expect(after.context.returnToReview).toBe(true);
        expect(after.context.answers).toEqual(ctx.answers);
        return;
      }
      case "valid": {
        const s = (event as { step: string }).step;
        if (s === "review") {
          expect(after.value).toBe("saving");
          expect(after.hasTag("busy")).toBe(true);
          expect(callsAfter).toBe(callsBefore + 1);
          return;
        }
        expect(after.value).toBe("review");
        expect(after.context.answers[step]).toEqual((event as { values: unknown }).values);
        expect(after.context.returnToReview).toBe(false);
        return;
      }
      case "saved":
        expect(after.value).toBe("done");
        expect(after.context.answers).toEqual({});
        expect(after.context.outcome).toEqual(outcome);
        return;
      case "failed":
        expect(after.value).toBe("review");
        expect(after.context.errors).toEqual({ _form: fr.errors.internal });
        expect(after.context.answers).toEqual(ctx.answers);
        return;
    }
  }

  it("starts on its step with the account's current values, if any, as its answer", () => {
    const { actor } = open();
    expect(actor.getSnapshot().value).toBe(step);
    expect(actor.getSnapshot().context.answers).toEqual(input.current ? { [step]: input.current } : {});
    expect(actor.getSnapshot().context.accountId).toBe("acc-0001");
    actor.stop();
  });

  it("has its step, the review, the save and both ends in its model", () => {
    const seen = new Set([...Object.values(adjacency)].map(({ state }) => String(state.value)));
    expect([...seen].sort()).toEqual(["cancelled", "done", "review", "saving", step].sort());
  });

  const edges = [...Object.values(adjacency)].flatMap(({ state, transitions }) =>
    Object.values(transitions).map((t) => ({ from: key(state), event: (t as { event: unknown }).event as ModelEvent })),
  );

  it.each(edges.map((e) => [`${JSON.parse(e.from).v}${JSON.parse(e.from).r ? " (from the review)" : ""} --${labelOf(e.event)}`, e] as const))(
    "%s follows the démarche's rules",
    async (_name, e) => {
      const path = shortest.get(e.from)!;
      const flow = open();
      for (const s of path.steps.slice(1)) await play(flow, s.event);
      const before = flow.actor.getSnapshot();
      const callsBefore = flow.calls.length;
      await play(flow, e.event);
      judge(before, e.event, flow.actor.getSnapshot(), callsBefore, flow.calls.length);
      flow.actor.stop();
    },
  );

  it("gives the save the account, the answer as reviewed and the request in hand", async () => {
    const flow = open();
    await play(flow, submit(step, valid, "valid values"));
    await play(flow, submit("review", {}, "the review"));
    expect(flow.calls[0]!.input).toEqual({ accountId: "acc-0001", answer: valid });
    flow.actor.stop();
  });
});
