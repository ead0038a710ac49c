import { describe, expect, it } from "vitest";
import { SimulatedClock, createActor, type SnapshotFrom } from "xstate";
import { getShortestPaths, getSimplePaths } from "xstate/graph";
import { kioskMachine, type KioskEvent, type KioskInput } from "./kiosk";

const second = 1_000;
const start: KioskEvent = { type: "START", token: "flow-created" };
const resume: KioskEvent = { type: "RESUME", token: "flow-resumed" };
const handoff: KioskEvent = { type: "HANDOFF", code: "K7QM-4P2X", link: "https://guichet.example/reprendre/secret" };

/** A kiosk on a simulated clock, with a count of the wipes it announced and the flows whose codes it cancelled. */
function kiosk(input: KioskInput = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(kioskMachine, { clock, input });
  const wipes = { count: 0 };
  const cancelled: string[] = [];
  actor.on("wiped", () => wipes.count++);
  actor.on("cancelCodes", (event) => cancelled.push(event.token));
  actor.start();
  return { actor, clock, wipes, cancelled, state: () => actor.getSnapshot() };
}

function active(input: KioskInput = {}) {
  const k = kiosk(input);
  k.actor.send(start);
  return k;
}

describe("kiosk session", () => {
  it("opens on the attract screen with nobody's session", () => {
    const { state } = kiosk();
    expect(state().value).toBe("attract");
    expect(state().context).toMatchObject({ token: null, handoff: null });
  });

  it("takes the default timings (90 s idle, 30 s warning, 2 min handoff, 20 s end screen) when the host gives none", () => {
    expect(kiosk({}).state().context.timings).toEqual({
      idleMs: 90_000,
      warningMs: 30_000,
      handoffMs: 120_000,
      doneMs: 20_000,
    });
  });

  it("starts a session with the token of a newly created flow", () => {
    const { state } = active();
    expect(state().value).toBe("active");
    expect(state().context.token).toBe("flow-created");
  });

  it("starts a session with the token of a resumed flow", () => {
    const { actor, state } = kiosk();
    actor.send(resume);
    expect(state().value).toBe("active");
    expect(state().context.token).toBe("flow-resumed");
  });

  it("stays on the attract screen when a start comes without a token", () => {
    const { actor, state } = kiosk();
    actor.send({ type: "START", token: " " });
    expect(state().value).toBe("attract");
  });

  it("asks « Êtes-vous toujours là ? » after 90 seconds without a touch, not before", () => {
    const { clock, state } = active();
    clock.increment(90 * second - 1);
    expect(state().value).toBe("active");
    clock.increment(1);
    expect(state().value).toBe("idleWarning");
  });

  it("postpones the warning by 90 seconds from each touch", () => {
    const { actor, clock, state } = active();
    clock.increment(80 * second);
    actor.send({ type: "TOUCH" });
    clock.increment(80 * second);
    expect(state().value).toBe("active");
    clock.increment(10 * second);
    expect(state().value).toBe("idleWarning");
  });

  it("goes back to the session, with its token, when the person says they are still there", () => {
    const { actor, clock, state } = active();
    clock.increment(90 * second);
    actor.send({ type: "STAY" });
    expect(state().value).toBe("active");
    expect(state().context.token).toBe("flow-created");
  });

  it("gives a full 90 seconds again after staying", () => {
    const { actor, clock, state } = active();
    clock.increment(90 * second);
    actor.send({ type: "STAY" });
    clock.increment(90 * second - 1);
    expect(state().value).toBe("active");
    clock.increment(1);
    expect(state().value).toBe("idleWarning");
  });

  it("wipes the session and shows the attract screen 30 seconds after an unanswered warning", () => {
    const { clock, state, wipes } = active();
    clock.increment(90 * second);
    clock.increment(30 * second - 1);
    expect(state().value).toBe("idleWarning");
    clock.increment(1);
    expect(state().value).toBe("attract");
    expect(state().context).toMatchObject({ token: null, handoff: null });
    expect(wipes.count).toBe(1);
  });

  it("does not take a stray touch on the warning for an answer", () => {
    const { actor, clock, state } = active();
    clock.increment(90 * second);
    actor.send({ type: "TOUCH" });
    expect(state().value).toBe("idleWarning");
    clock.increment(30 * second);
    expect(state().value).toBe("attract");
  });

  it("shows no resume code on the warning: whoever stands there may not be the citizen", () => {
    const { clock, state } = active();
    clock.increment(90 * second);
    expect(state().value).toBe("idleWarning");
    expect(state().context.handoff).toBeNull();
  });

  it("goes from the warning to the handoff screen, with its code, when the citizen asks to continue on their phone", () => {
    const { actor, clock, state } = active();
    clock.increment(90 * second);
    actor.send(handoff);
    expect(state().value).toBe("handoff");
    expect(state().context.handoff).toEqual({ code: "K7QM-4P2X", link: "https://guichet.example/reprendre/secret" });
  });

  it("cancels the flow's resume codes when it wipes itself after an unanswered warning, before announcing the wipe", () => {
    const { actor, clock, cancelled, wipes } = active();
    actor.send(handoff);
    actor.send({ type: "BACK" });
    const order: string[] = [];
    actor.on("cancelCodes", () => order.push("cancelCodes"));
    actor.on("wiped", () => order.push("wiped"));
    clock.increment(90 * second);
    clock.increment(30 * second);
    expect(cancelled).toEqual(["flow-created"]);
    expect(wipes.count).toBe(1);
    expect(order).toEqual(["cancelCodes", "wiped"]);
  });

  it("keeps the code the citizen asked for when the handoff screen ends, whichever way", () => {
    for (const leave of ["after handoff", "PHONE_TOOK_OVER", "RESET"] as const) {
      const { actor, clock, cancelled, state } = active();
      actor.send(handoff);
      if (leave === "after handoff") clock.increment(120 * second);
      else actor.send({ type: leave });
      expect(state().value).toBe("attract");
      expect(cancelled, leave).toEqual([]);
    }
  });

  it("resets at once when a phone takes the flow over with a code shown earlier", () => {
    const { actor, clock, state, wipes } = active();
    clock.increment(90 * second);
    expect(state().value).toBe("idleWarning");
    actor.send({ type: "PHONE_TOOK_OVER" });
    expect(state().value).toBe("attract");
    expect(state().context).toMatchObject({ token: null, handoff: null });
    expect(wipes.count).toBe(1);
  });

  it("shows the handoff code and link, then resets as soon as the phone takes over", () => {
    const { actor, state, wipes } = active();
    actor.send(handoff);
    expect(state().value).toBe("handoff");
    expect(state().context.handoff).toEqual({ code: "K7QM-4P2X", link: "https://guichet.example/reprendre/secret" });
    actor.send({ type: "PHONE_TOOK_OVER" });
    expect(state().value).toBe("attract");
    expect(state().context).toMatchObject({ token: null, handoff: null });
    expect(wipes.count).toBe(1);
  });

  it("goes back to the sign-up from the handoff screen, forgetting the code", () => {
    const { actor, state } = active();
    actor.send(handoff);
    actor.send({ type: "BACK" });
    expect(state().value).toBe("active");
    expect(state().context.handoff).toBeNull();
    expect(state().context.token).not.toBeNull();
  });

  it("resets after the handoff countdown when no phone takes over", () => {
    const { actor, clock, state } = active();
    actor.send(handoff);
    clock.increment(120 * second - 1);
    expect(state().value).toBe("handoff");
    clock.increment(1);
    expect(state().value).toBe("attract");
    expect(state().context).toMatchObject({ token: null, handoff: null });
  });

  it("does not show the idle warning over the handoff screen", () => {
    const { actor, clock, state } = active();
    clock.increment(60 * second);
    actor.send(handoff);
    clock.increment(90 * second);
    expect(state().value).toBe("handoff");
  });

  it("refuses a handoff without a code", () => {
    const { actor, state } = active();
    actor.send({ type: "HANDOFF", code: "", link: "https://guichet.example/reprendre/secret" });
    expect(state().value).toBe("active");
  });

  it("shows the end screen when the flow is done, then resets after 20 seconds", () => {
    const { actor, clock, state } = active();
    actor.send({ type: "FINISHED" });
    expect(state().value).toBe("done");
    clock.increment(20 * second - 1);
    expect(state().value).toBe("done");
    clock.increment(1);
    expect(state().value).toBe("attract");
    expect(state().context.token).toBeNull();
  });

  it.each(["active", "idleWarning", "handoff", "done"] as const)("resets at once from %s on RESET", (target) => {
    const { actor, clock, state, wipes } = active();
    if (target === "idleWarning") clock.increment(90 * second);
    if (target === "handoff") actor.send(handoff);
    if (target === "done") actor.send({ type: "FINISHED" });
    expect(state().value).toBe(target);
    actor.send({ type: "RESET" });
    expect(state().value).toBe("attract");
    expect(state().context).toMatchObject({ token: null, handoff: null });
    expect(wipes.count).toBe(1);
  });

  it("keeps its timings across a reset", () => {
    const { actor, state } = active({ idleMs: 5 * second });
    actor.send({ type: "RESET" });
    expect(state().context.timings.idleMs).toBe(5 * second);
  });

  it("reads every timing from its input", () => {
    const { actor, clock, state } = active({ idleMs: 1_000, warningMs: 2_000, handoffMs: 3_000, doneMs: 4_000 });
    clock.increment(1_000);
    expect(state().value).toBe("idleWarning");
    clock.increment(2_000);
    expect(state().value).toBe("attract");
    actor.send(start);
    actor.send(handoff);
    clock.increment(3_000);
    expect(state().value).toBe("attract");
    actor.send(start);
    actor.send({ type: "FINISHED" });
    clock.increment(4_000);
    expect(state().value).toBe("attract");
  });
});

describe("kiosk session, through every path of its graph", () => {
  type Snapshot = SnapshotFrom<typeof kioskMachine>;
  const input = { idleMs: 90_000, warningMs: 30_000, handoffMs: 120_000, doneMs: 20_000 };

  // Every event the chart knows, delays included, read from the chart itself so none is forgotten;
  // those with a payload get one (plus a START without token, to cover its guard).
  const withPayload: KioskEvent[] = [start, resume, handoff, { type: "START", token: "" }];
  const delayed = Object.values(kioskMachine.root.states).flatMap((node) => node.after.map((t) => ({ type: t.eventType })));
  const events = [...kioskMachine.root.events, ...delayed.map((e) => e.type)].flatMap((type) => {
    const given = withPayload.filter((event) => event.type === type);
    return given.length > 0 ? given : [{ type } as KioskEvent];
  });
  const traversal = {
    input,
    events,
    // The attract screen reached by a reset looks like the first one; told apart by what led
    // there, so that every way back to it is a path of its own.
    serializeState: (snapshot: Snapshot, event: { type: string } | undefined, previous?: Snapshot) =>
      JSON.stringify({
        value: snapshot.value,
        context: snapshot.context,
        returnedBy: snapshot.value === "attract" && previous && previous.value !== "attract" ? event?.type : undefined,
      }),
  };
  const shortest = getShortestPaths(kioskMachine, traversal);
  // One shortest path per distinct snapshot. A session that isn't wiped multiplies the snapshots,
  // and the simple paths between them would grow past what a test can enumerate: fail fast instead.
  const smallGraph = shortest.length <= 20;
  const simple = smallGraph ? getSimplePaths(kioskMachine, traversal) : [];

  // A transient state (`always`) is passed through, never rested in: it can't end a path.
  const restingStates = Object.entries(kioskMachine.root.states)
    .filter(([, node]) => node.always === undefined)
    .map(([key]) => key);

  const describePath = (steps: ReadonlyArray<{ event: { type: string } }>) =>
    steps
      .slice(1)
      .map((step) => step.event.type.replace(/^xstate\.after\.(\w+)\..*/, "after $1"))
      .join(" → ") || "(start)";

  /** Replays a path on a real actor: events are sent, `after` events are the clock moving on. */
  function drive(steps: ReadonlyArray<{ event: { type: string }; state: Snapshot }>) {
    const { actor, clock, state, wipes, cancelled } = kiosk(input);
    let previous = state();
    for (const { event, state: expected } of steps) {
      if (event.type === "xstate.init") continue;
      const wipesBefore = wipes.count;
      const cancelledBefore = cancelled.length;
      const delay = /^xstate\.after\.(\w+)\./.exec(event.type)?.[1];
      if (delay) clock.increment(input[`${delay}Ms` as keyof typeof input]);
      else actor.send(event as KioskEvent);
      expect(state().value).toEqual(expected.value);
      expect(state().context).toEqual(expected.context);
      // Whoever leaves the screen is forgotten, and the host is told.
      const wiped = previous.value !== "attract" && state().value === "attract";
      if (wiped) {
        expect(wipes.count).toBe(wipesBefore + 1);
        expect(state().context).toMatchObject({ token: null, handoff: null });
      }
      // The codes shown for the flow die with every wipe but the handoff screen's, whose code the citizen asked for.
      expect(cancelled.slice(cancelledBefore)).toEqual(wiped && previous.value !== "handoff" ? [previous.context.token] : []);
      // A code is on screen only on the handoff screen, which the citizen asked for.
      if (state().value !== "handoff") expect(state().context.handoff).toBeNull();
      previous = state();
    }
  }

  it("has only the few snapshots of a session that is wiped on every way out", () => {
    expect(shortest.length).toBeLessThanOrEqual(20);
  });

  it("reaches every resting state", () => {
    const reached = new Set(shortest.map((path) => path.state.value));
    expect([...reached].sort()).toEqual([...restingStates].sort());
    expect(restingStates.sort()).toEqual(["active", "attract", "done", "handoff", "idleWarning"]);
  });

  it("comes back to the attract screen by each way out of a session", () => {
    const ways = shortest.filter((path) => path.state.value === "attract" && path.steps.length > 1).map((path) => describePath(path.steps).split(" → ").at(-1));
    expect(ways.sort()).toEqual(["PHONE_TOOK_OVER", "RESET", "after done", "after handoff", "after warning"]);
  });

  it("reaches the handoff screen from the session and from the warning, and from nowhere else", () => {
    const into = new Set(
      simple.filter((path) => path.state.value === "handoff" && path.steps.at(-1)?.event.type === "HANDOFF").map((path) => path.steps.at(-2)?.state.value),
    );
    expect([...into].sort()).toEqual(["active", "idleWarning"]);
  });

  it("resets from every screen of a session on RESET", () => {
    const resetFrom = new Set(
      simple.filter((path) => path.steps.at(-1)?.event.type === "RESET" && path.state.value === "attract").map((path) => path.steps.at(-2)?.state.value),
    );
    expect([...resetFrom].sort()).toEqual(["active", "done", "handoff", "idleWarning"]);
  });

  it.each(shortest.map((path) => [describePath(path.steps), path.steps] as const))("follows the shortest path: %s", (_, steps) => drive(steps));

  it.each(simple.map((path) => [describePath(path.steps), path.steps] as const))("follows the simple path: %s", (_, steps) => drive(steps));
});
