import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor, type SnapshotFrom } from "xstate";
import { getAdjacencyMap, getShortestPaths, type StatePath } from "xstate/graph";
import { fr } from "@guichet/schema";
import { changeContactsMachine, type ChangeContactsEvent, type ChangeContactsInput, type ContactsSaved } from "./changeContacts";

/*
 * Model-based tests, as for the sign-up: `xstate/graph` walks the chart's pure transitions with the
 * events a citizen (or the save) can make in each state; every edge found is then driven on a real actor
 * whose save is a stub, and judged against the démarche's rules written out below, not against the chart.
 */

type Snap = SnapshotFrom<typeof changeContactsMachine>;
type Outcome = { type: string; actorId: string; output?: unknown; error?: unknown };
type ModelEvent = ChangeContactsEvent | Outcome;

const TODAY = "2026-11-30";
const INPUT: ChangeContactsInput = {
  accountId: "acc-0001",
  address: { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", pays: "FR" },
  contacts: { courriel: "marc.boyet@example.fr", moyenPrefere: "courriel" },
};
const NEW_ADDRESS = { numero: "2", voie: "PLACE DE LA MAIRIE", codePostal: "11150", ville: "Bram", pays: "FR" };
const NEW_CONTACTS = { courriel: "marc.boyet@nouveau.example.fr", mobile: "06 12 34 56 78", moyenPrefere: "mobile" };

type Kind = "cancel" | "back" | "edit" | "valid" | "invalid" | "wrong-step" | "saved" | "failed";
const meta = new WeakMap<object, { label: string; kind: Kind }>();
const tag = <E extends object>(event: E, label: string, kind: Kind): E => (meta.set(event, { label, kind }), event);
const kindOf = (e: object) => meta.get(e)!.kind;
const labelOf = (e: object) => meta.get(e)?.label ?? JSON.stringify(e);

const submit = (step: string, values: unknown, label: string, kind: Kind = "valid") =>
  tag({ type: "SUBMIT", step, values, today: TODAY } as ChangeContactsEvent, `SUBMIT of ${label}`, kind);
const CANCEL = tag({ type: "CANCEL" } as ChangeContactsEvent, "CANCEL", "cancel");
const BACK = tag({ type: "BACK", draft: { voie: "RUE D" } } as ChangeContactsEvent, "BACK with a draft", "back");
const edit = (step: string) => tag({ type: "EDIT", step } as ChangeContactsEvent, `EDIT ${step}`, "edit");
const invokeId = () => changeContactsMachine.getStateNodeById("changeContacts.saving").invoke[0]!.id;
const SAVED = tag({ type: `xstate.done.actor.${invokeId()}`, actorId: invokeId(), output: { emailPending: "m••••@nouveau.example.fr" } }, "save done", "saved");
const FAILED = tag({ type: `xstate.error.actor.${invokeId()}`, actorId: invokeId(), error: new Error("base indisponible") }, "save failing", "failed");

function modelEvents(s: Snap): ModelEvent[] {
  if (s.status !== "active") return [];
  if (s.matches("address"))
    return [
      submit("address", NEW_ADDRESS, "a new address"),
      submit("address", { ...NEW_ADDRESS, voie: "" }, "an address without voie", "invalid"),
      submit("contacts", NEW_CONTACTS, "the contacts while on the address", "wrong-step"),
      BACK,
      CANCEL,
    ];
  if (s.matches("contacts"))
    return [
      submit("contacts", NEW_CONTACTS, "new contacts"),
      submit("contacts", { courriel: "pas-une-adresse" }, "a malformed courriel", "invalid"),
      BACK,
      CANCEL,
    ];
  if (s.matches("review")) return [submit("review", {}, "the review"), edit("address"), edit("contacts"), edit("identity"), BACK, CANCEL];
  if (s.matches("saving")) return [SAVED, FAILED, CANCEL];
  return [];
}

const key = (s: Snap) =>
  JSON.stringify({ v: s.value, a: s.context.answers, d: Object.keys(s.context.drafts), r: s.context.returnToReview, e: Object.keys(s.context.errors) });
const traversal = { events: (s: Snap) => modelEvents(s) as ChangeContactsEvent[], serializeState: key, input: INPUT } as const;
const adjacency = getAdjacencyMap(changeContactsMachine, traversal);
const shortest = new Map<string, StatePath<Snap, ChangeContactsEvent>>(getShortestPaths(changeContactsMachine, traversal).map((p) => [key(p.state), p]));

/** A real actor whose save is a stub the test settles. */
function open() {
  const calls: Array<{ input: unknown; resolve: (v: ContactsSaved) => void; reject: (e: unknown) => void }> = [];
  const machine = changeContactsMachine.provide({
    actors: { saveContacts: fromPromise(({ input }) => new Promise<ContactsSaved>((resolve, reject) => calls.push({ input, resolve, reject }))) },
  });
  const actor = createActor(machine, { input: INPUT }).start();
  return { actor, calls };
}

async function play(flow: ReturnType<typeof open>, event: ModelEvent) {
  const kind = kindOf(event);
  if (kind === "saved" || kind === "failed") {
    const before = flow.actor.getSnapshot();
    const call = flow.calls.at(-1)!;
    if (kind === "saved") call.resolve((event as Outcome).output as ContactsSaved);
    else call.reject((event as Outcome).error);
    await waitFor(flow.actor, (s) => s !== before, { timeout: 1000 });
  } else flow.actor.send(event as ChangeContactsEvent);
}

/** The démarche's rules: where each move leads and what it keeps. */
function judge(before: Snap, event: ModelEvent, after: Snap, callsBefore: number, callsAfter: number) {
  const ctx = before.context;
  const step = before.value as string;
  switch (kindOf(event)) {
    case "cancel":
      // The save is under way: it ends as it ends, a CANCEL then changes nothing.
      if (step === "saving") {
        expect(after.value).toBe("saving");
        return;
      }
      expect(after.value).toBe("cancelled");
      expect(after.context.answers).toEqual({});
      expect(after.context.drafts).toEqual({});
      return;
    case "invalid":
    case "wrong-step":
      expect(after.value).toBe(step);
      expect(after.context.answers).toEqual(ctx.answers);
      return;
    case "back":
      expect(after.value).toBe(ctx.returnToReview ? "review" : step === "review" ? "contacts" : step === "contacts" ? "address" : step);
      expect(after.context.answers).toEqual(ctx.answers);
      return;
    case "edit": {
      const target = (event as { step: string }).step;
      if (target === "identity") {
        expect(after.value).toBe("review");
        return;
      }
      expect(after.value).toBe(target);
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
      expect(after.value).toBe(ctx.returnToReview || s === "contacts" ? "review" : "contacts");
      expect(after.context.answers[s as "address" | "contacts"]).toEqual((event as { values: unknown }).values);
      expect(after.context.returnToReview).toBe(after.value === "review" ? false : ctx.returnToReview);
      return;
    }
    case "saved":
      expect(after.value).toBe("done");
      expect(after.context.answers).toEqual({});
      expect(after.context.emailPending).toBe("m••••@nouveau.example.fr");
      return;
    case "failed":
      expect(after.value).toBe("review");
      expect(after.context.errors).toEqual({ _form: fr.errors.internal });
      expect(after.context.answers).toEqual(ctx.answers);
      return;
  }
}

describe("Modifier mes coordonnées, model-based", () => {
  it("starts on ADRESSE with the account's values as its answers", () => {
    const { actor } = open();
    expect(actor.getSnapshot().value).toBe("address");
    expect(actor.getSnapshot().context.answers).toEqual({ address: INPUT.address, contacts: INPUT.contacts });
    expect(actor.getSnapshot().context.accountId).toBe("acc-0001");
  });

  const edges = [...Object.values(adjacency)].flatMap(({ state, transitions }) =>
    Object.values(transitions as Record<string, { event: unknown }>).map((t) => ({ from: key(state), event: t.event as ModelEvent })),
  );

  it("has every step, the review, the save, both ends in its model", () => {
    const seen = new Set([...Object.values(adjacency)].map(({ state }) => (typeof state.value === "string" ? state.value : "")));
    expect([...seen].sort()).toEqual(["address", "cancelled", "contacts", "done", "review", "saving"]);
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

  it("gives the save the account and the answers as they are at the review", async () => {
    const flow = open();
    for (const e of [submit("address", NEW_ADDRESS, "a new address"), submit("contacts", NEW_CONTACTS, "new contacts"), submit("review", {}, "the review")])
      await play(flow, e);
    expect(flow.calls[0]!.input).toEqual({ accountId: "acc-0001", answers: { address: NEW_ADDRESS, contacts: NEW_CONTACTS } });
  });
});
