import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor, type SnapshotFrom } from "xstate";
import { getAdjacencyMap, getShortestPaths, type StatePath } from "xstate/graph";
import { fr } from "@guichet/schema";
import { checkedSubmit } from "./registration";
import { deleteAccountMachine, type AccountErased, type DeleteAccountEvent, type DeleteAccountInput } from "./deleteAccount";

/*
 * Model-based tests, as for the sign-up: `xstate/graph` walks the chart's pure transitions with the
 * events a citizen (or the erasure) can make in each state; every edge found is then driven on a real
 * actor whose erasure is a stub, and judged against the démarche's rules written out below.
 */

type Snap = SnapshotFrom<typeof deleteAccountMachine>;
type Outcome = { type: string; actorId: string; output?: unknown; error?: unknown };
type ModelEvent = DeleteAccountEvent | Outcome;

const TODAY = "2026-11-30";
const INPUT: DeleteAccountInput = { accountId: "acc-0001" };
/** What the runtime hands the machine once the password was found right: never the password. */
const CONFIRMED = { understood: true, passwordChecked: true };

type Kind = "cancel" | "back" | "edit" | "valid" | "invalid" | "wrong-step" | "erased" | "failed";
const meta = new WeakMap<object, { label: string; kind: Kind }>();
const tag = <E extends object>(event: E, label: string, kind: Kind): E => (meta.set(event, { label, kind }), event);
const kindOf = (e: object) => meta.get(e)!.kind;
const labelOf = (e: object) => meta.get(e)?.label ?? JSON.stringify(e);

const submit = (step: string, values: unknown, label: string, kind: Kind = "valid") =>
  tag({ type: "SUBMIT", step, values, today: TODAY } as DeleteAccountEvent, `SUBMIT of ${label}`, kind);
const CANCEL = tag({ type: "CANCEL" } as DeleteAccountEvent, "CANCEL", "cancel");
const BACK = tag({ type: "BACK" } as DeleteAccountEvent, "BACK", "back");
const edit = (step: string) => tag({ type: "EDIT", step } as DeleteAccountEvent, `EDIT ${step}`, "edit");
const invokeId = () => deleteAccountMachine.getStateNodeById("deleteAccount.erasing").invoke[0]!.id;
const ERASED = tag({ type: `xstate.done.actor.${invokeId()}`, actorId: invokeId(), output: { sentTo: "m••••@example.fr" } }, "erasure done", "erased");
const FAILED = tag({ type: `xstate.error.actor.${invokeId()}`, actorId: invokeId(), error: new Error("base indisponible") }, "erasure failing", "failed");

function modelEvents(s: Snap): ModelEvent[] {
  if (s.status !== "active") return [];
  if (s.matches("deleteAccount"))
    return [
      submit("deleteAccount", CONFIRMED, "the confirmation"),
      // The typed form, as a host that did not check the password would send it: refused by the stored schema.
      submit("deleteAccount", { password: "Pontoise1975", understood: true }, "the password itself", "invalid"),
      submit("deleteAccount", { understood: false, passwordChecked: true }, "the box unticked", "invalid"),
      submit("review", {}, "the review while on the confirmation", "wrong-step"),
      BACK,
      CANCEL,
    ];
  if (s.matches("review")) return [submit("review", {}, "the review"), edit("deleteAccount"), edit("identity"), BACK, CANCEL];
  if (s.matches("erasing")) return [ERASED, FAILED, CANCEL];
  return [];
}

const key = (s: Snap) => JSON.stringify({ v: s.value, a: s.context.answers, r: s.context.returnToReview, e: Object.keys(s.context.errors) });
const traversal = { events: (s: Snap) => modelEvents(s) as DeleteAccountEvent[], serializeState: key, input: INPUT } as const;
const adjacency = getAdjacencyMap(deleteAccountMachine, traversal);
const shortest = new Map<string, StatePath<Snap, DeleteAccountEvent>>(getShortestPaths(deleteAccountMachine, traversal).map((p) => [key(p.state), p]));

/** A real actor whose erasure is a stub the test settles. */
function open() {
  const calls: Array<{ input: unknown; resolve: (v: AccountErased) => void; reject: (e: unknown) => void }> = [];
  const machine = deleteAccountMachine.provide({
    actors: { eraseAccount: fromPromise(({ input }) => new Promise<AccountErased>((resolve, reject) => calls.push({ input, resolve, reject }))) },
  });
  const actor = createActor(machine, { input: INPUT }).start();
  return { actor, calls };
}

async function play(flow: ReturnType<typeof open>, event: ModelEvent) {
  const kind = kindOf(event);
  if (kind === "erased" || kind === "failed") {
    const before = flow.actor.getSnapshot();
    const call = flow.calls.at(-1)!;
    if (kind === "erased") call.resolve((event as Outcome).output as AccountErased);
    else call.reject((event as Outcome).error);
    await waitFor(flow.actor, (s) => s !== before, { timeout: 1000 });
  } else flow.actor.send(event as DeleteAccountEvent);
}

/** The démarche's rules: where each move leads and what it keeps. */
function judge(before: Snap, event: ModelEvent, after: Snap, callsBefore: number, callsAfter: number) {
  const ctx = before.context;
  const step = before.value as string;
  // Whatever the move, no password ever reaches the context.
  expect(JSON.stringify(after.context)).not.toContain("Pontoise1975");
  switch (kindOf(event)) {
    case "cancel":
      // The erasure is under way: it ends as it ends, a CANCEL then changes nothing.
      if (step === "erasing") {
        expect(after.value).toBe("erasing");
        return;
      }
      expect(after.value).toBe("cancelled");
      expect(after.context.answers).toEqual({});
      return;
    case "invalid":
    case "wrong-step":
      expect(after.value).toBe(step);
      expect(after.context.answers).toEqual(ctx.answers);
      expect(callsAfter).toBe(callsBefore);
      return;
    case "back":
      // No page before the confirmation: PRÉCÉDENT there only returns to the review it was opened from.
      expect(after.value).toBe(step === "review" ? "deleteAccount" : ctx.returnToReview ? "review" : step);
      expect(after.context.answers).toEqual(ctx.answers);
      return;
    case "edit": {
      const target = (event as { step: string }).step;
      expect(after.value).toBe(target === "deleteAccount" ? "deleteAccount" : "review");
      if (target === "deleteAccount") expect(after.context.returnToReview).toBe(true);
      return;
    }
    case "valid": {
      const s = (event as { step: string }).step;
      if (s === "review") {
        // Erased only once the confirmation was given.
        expect(after.value).toBe("erasing");
        expect(after.hasTag("busy")).toBe(true);
        expect(callsAfter).toBe(callsBefore + 1);
        return;
      }
      expect(after.value).toBe("review");
      expect(after.context.answers.deleteAccount).toEqual(CONFIRMED);
      expect(after.context.returnToReview).toBe(false);
      return;
    }
    case "erased":
      expect(after.value).toBe("done");
      expect(after.status).toBe("done");
      expect(after.context.answers).toEqual({});
      expect(after.context.sentTo).toBe("m••••@example.fr");
      return;
    case "failed":
      expect(after.value).toBe("review");
      expect(after.context.errors).toEqual({ _form: fr.errors.internal });
      expect(after.context.answers).toEqual(ctx.answers);
      return;
  }
}

describe("Supprimer mon espace, model-based", () => {
  it("starts on SUPPRIMER MON ESPACE, for the account it was given, with nothing answered", () => {
    const { actor } = open();
    expect(actor.getSnapshot().value).toBe("deleteAccount");
    expect(actor.getSnapshot().context.answers).toEqual({});
    expect(actor.getSnapshot().context.accountId).toBe("acc-0001");
  });

  const edges = [...Object.values(adjacency)].flatMap(({ state, transitions }) =>
    Object.values(transitions as Record<string, { event: unknown }>).map((t) => ({ from: key(state), event: t.event as ModelEvent })),
  );

  it("has the confirmation, the review, the erasure, both ends in its model", () => {
    const seen = new Set([...Object.values(adjacency)].map(({ state }) => (typeof state.value === "string" ? state.value : "")));
    expect([...seen].sort()).toEqual(["cancelled", "deleteAccount", "done", "erasing", "review"]);
  });

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

  it("takes the runtime's checked answer and gives the erasure the account, never anything typed", async () => {
    const flow = open();
    flow.actor.send(checkedSubmit({ type: "SUBMIT", step: "deleteAccount", values: CONFIRMED, today: TODAY }));
    expect(flow.actor.getSnapshot().value).toBe("review");
    flow.actor.send({ type: "SUBMIT", step: "review", values: {}, today: TODAY });
    expect(flow.calls[0]!.input).toEqual({ accountId: "acc-0001" });
  });
});
