import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { StatelyInspectionEvent } from "@statelyai/inspect";
import { MASK, sanitizeContext, sanitizeEvent, sanitizeInspectionEvent } from "../src/inspector";
import { nextMove } from "./snapshotFixtures";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";
import { testEngines } from "./engines";

const base = { sessionId: "x:1", rootId: "x:1", createdAt: "1", id: "", _version: "0.7.2" };

describe("what leaves for the inspector", () => {
  it("keeps an event's name, step and day, and masks the values it carries", () => {
    const event = sanitizeEvent({
      type: "SUBMIT",
      step: "identity",
      today: "2026-11-26",
      values: { nomUsuel: "BOYET", paysNaissance: "FR", dateNaissance: "" },
    });
    expect(event).toEqual({ type: "SUBMIT", step: "identity", today: "2026-11-26", values: { nomUsuel: MASK, paysNaissance: MASK, dateNaissance: "" } });
  });

  it("shows which answers a context holds, and no value of them, hash or account id", () => {
    const context = sanitizeContext({
      answers: { terms: { accepted: true }, credentials: { username: "marc.boyet", passwordHash: "$argon2id$v=19$…" } },
      returnToReview: false,
      accountId: "8f9c…",
    });
    expect(context).toEqual({
      answers: { terms: { accepted: true }, credentials: { username: MASK, passwordHash: MASK } },
      returnToReview: false,
      accountId: MASK,
    });
  });

  it("masks what an invoked actor answered or failed with, keeping yes/no answers", () => {
    expect(sanitizeEvent({ type: "xstate.done.actor.0.x", actorId: "0.x", output: { ok: true, accountId: "a1" } })).toEqual({
      type: "xstate.done.actor.0.x",
      actorId: "0.x",
      output: { ok: true, accountId: MASK },
    });
    expect(sanitizeEvent({ type: "xstate.error.actor.0.x", error: new Error("insert into account values ('BOYET')") })).toEqual({
      type: "xstate.error.actor.0.x",
      error: MASK,
    });
  });

  it("drops every field of a snapshot but its status, state and masked context (a promise actor's input and output)", () => {
    const event = sanitizeInspectionEvent({
      ...base,
      type: "@xstate.snapshot",
      event: { type: "xstate.promise.resolve", data: { answers: { identity: { nomUsuel: "BOYET" } } } },
      snapshot: { status: "done", output: { accountId: "a1" }, input: { answers: { identity: { nomUsuel: "BOYET" } } } } as never,
    } as StatelyInspectionEvent);
    expect(JSON.stringify(event)).not.toContain("BOYET");
    expect(event).toMatchObject({ type: "@xstate.snapshot", snapshot: { status: "done" } });
    expect(Object.keys((event as { snapshot: object }).snapshot)).toEqual(["status"]);
  });

  it("names the root actor after its flow", () => {
    const actor = sanitizeInspectionEvent(
      { ...base, type: "@xstate.actor", name: "registration", parentId: undefined, definition: "{}", snapshot: { status: "active" } },
      () => "1a2b3c4d",
    );
    expect(actor).toMatchObject({ name: "registration ‹flow 1a2b3c4d›" });
  });
});

describe.each(testEngines)("GUICHET_INSPECT=1 on a real server on %s", (engine) => {
  let server: TestServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw inspector messages, probed deep down by the assertions below
  const received: Array<Record<string, any>> = [];
  let socket: WebSocket;

  beforeAll(async () => {
    server = await startTestServer({ GUICHET_INSPECT: "1" }, { engine });
    socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/dev/inspect/ws`);
    socket.on("message", (data) => received.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  });
  afterAll(async () => {
    socket.close();
    await server.close();
  });

  it("serves the inspector's bridge page outside production", async () => {
    const page = await fetch(`${server.url}/dev/inspect`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/dev/inspect/ws");
  });

  it("streams every flow actor's states and events, with no answer, hash or token in them", async () => {
    let view = await server.client.flow.start.mutate();
    while (view.status !== "done") {
      view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: nextMove(view, "marc.inspecte") });
      expect(view.errors).toEqual({});
    }
    await new Promise((r) => setTimeout(r, 200));

    const states = received.filter((e) => e.type === "@xstate.snapshot" && e.snapshot.value).map((e) => JSON.stringify(e.snapshot.value));
    for (const step of ["terms", "identity", "address", "contacts", "review", "done"]) expect(states).toContain(JSON.stringify(step));
    expect(states).toContain(JSON.stringify({ credentials: "checking" }));
    const submits = received.filter((e) => e.type === "@xstate.event" && e.event.type === "SUBMIT");
    expect(submits.map((e) => e.event.step)).toEqual(["terms", "identity", "address", "contacts", "credentials", "services", "review", "captcha"]);
    expect(submits[1]!.event.values.nomUsuel).toBe(MASK);

    const flowId = await server.client.flow.get.mutate({ token: view.token }).then(() => server.guichet.services.flows.idOf(view.token));
    expect(received.some((e) => e.type === "@xstate.actor" && e.name === `registration ‹flow ${flowId!.slice(0, 8)}›`)).toBe(true);

    const all = JSON.stringify(received);
    for (const secret of [
      marcBoyet.identity.nomUsuel,
      marcBoyet.identity.prenoms,
      marcBoyet.address.voie,
      marcBoyet.contacts.courriel,
      marcBoyet.credentials.password,
      "marc.inspecte",
      "$argon2",
      view.token,
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });

  it("replays recent events to an inspector opened late", async () => {
    const late = new WebSocket(`${server.url.replace(/^http/, "ws")}/dev/inspect/ws`);
    const first = await new Promise<string>((resolve, reject) => late.once("message", (d) => resolve(String(d))).once("error", reject));
    late.close();
    expect(JSON.parse(first)).toHaveProperty("type");
  });
});

describe("without GUICHET_INSPECT", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("connects nothing and serves no inspector page", async () => {
    expect(server.guichet.inspector).toBeUndefined();
    const page = await fetch(`${server.url}/dev/inspect`, { headers: { accept: "application/json" } });
    expect(page.status).toBe(404);
  });
});
