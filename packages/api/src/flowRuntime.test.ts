import { describe, expect, it } from "vitest";
import { assign, fromPromise, setup } from "xstate";
import { fr, stepRegistry } from "@guichet/schema";
import type { FlowRecord, FlowStore, FlowWrite } from "@guichet/db";
import type { FlowScope } from "@guichet/machines";
import { createFlowRuntime, type FlowRuntimeDeps } from "./flowRuntime";
import type { FlowDefinition } from "./flowDefinition";
import { createSnapshotMigrator } from "./snapshotMigrations";
import { registrationFlow } from "./flows/registration";
import { ccplm } from "./tenant";

/** The flow store in memory, as far as the runtime uses it. */
function memoryStore() {
  const rows = new Map<string, FlowRecord & { tokenHash: string }>();
  const store = {
    async create(id: string, tokenHash: string, write: FlowWrite, now: Date) {
      const row = { id, tokenHash, version: 1, updatedAt: now, ...write, kind: write.kind ?? "registration", accountId: null };
      rows.set(id, row);
      return row;
    },
    async findByTokenHash(tokenHash: string) {
      return [...rows.values()].find((r) => r.tokenHash === tokenHash);
    },
    async findById(id: string) {
      return rows.get(id);
    },
    async compareAndSet(id: string, version: number, write: FlowWrite, now: Date) {
      const row = rows.get(id);
      if (!row || row.version !== version) return false;
      rows.set(id, { ...row, ...write, kind: row.kind, version: version + 1, updatedAt: now });
      return true;
    },
    async delete(id: string) {
      rows.delete(id);
    },
    async recent() {
      return [...rows.values()];
    },
  };
  return { store: store as unknown as FlowStore, rows };
}

/** A démarche of two pages: MOYENS DE CONTACT, then an actor that records it for the flow in hand. */
function demarche(seen: Array<FlowScope | undefined>): FlowDefinition {
  const machine = setup({
    types: {
      context: {} as {
        answers: Record<string, unknown>;
        drafts: Record<string, Record<string, unknown>>;
        returnToReview: boolean;
        errors: Record<string, string>;
        request?: FlowScope;
      },
      events: {} as
        | { type: "SUBMIT"; step: string; values: unknown; today: string }
        | { type: "BACK" }
        | { type: "CANCEL" }
        | { type: "START" }
        | { type: "EDIT"; step: string },
    },
    actors: { record: fromPromise<string, { request?: FlowScope }>(async () => "") },
  }).createMachine({
    id: "demarche",
    initial: "contacts",
    context: { answers: {}, drafts: {}, returnToReview: false, errors: {} },
    states: {
      contacts: {
        on: {
          SUBMIT: { target: "recording", actions: assign(({ context, event }) => ({ answers: { ...context.answers, contacts: event.values } })) },
          CANCEL: "cancelled",
        },
      },
      recording: {
        tags: ["busy"],
        invoke: {
          src: "record",
          input: ({ context }) => ({ request: context.request }),
          onDone: { target: "done", actions: assign(({ context, event }) => ({ answers: { ...context.answers, receipt: event.output } })) },
        },
      },
      done: { type: "final" },
      cancelled: { type: "final" },
    },
  });
  return {
    kind: "demarche",
    version: 1,
    machine: () =>
      machine.provide({
        actors: {
          record: fromPromise(async ({ input }) => {
            seen.push(input.request);
            return `reçu-${input.request?.flowId}`;
          }),
        },
      }),
    migrate: createSnapshotMigrator(machine, 1, {}),
    fits: () => true,
    pages: ["contacts", "done"],
    unnumbered: ["done"],
    reviewed: [],
    titles: { contacts: fr.steps.contacts, done: fr.steps.done },
    steps: { contacts: stepRegistry.contacts! },
    finals: { done: "done", cancelled: "delete" },
  };
}

function runtime(definitions: FlowDefinition[]) {
  const { store, rows } = memoryStore();
  const deps: FlowRuntimeDeps = {
    store,
    tenant: ccplm,
    places: { country: (c) => c, departement: () => undefined, commune: () => undefined, street: (v) => v },
    services: { match: async () => undefined, check: async () => "wrong" } as never,
    captcha: { disabled: true, issue: async () => ({ disabled: true }), verify: async () => ({ ok: true }) },
    hashPassword: async () => "$argon2id$test",
    isCommonPassword: () => false,
    usernameAvailable: async () => true,
    createAccount: async () => ({ ok: true, accountId: "a1" }),
    now: () => new Date("2026-11-26T10:00:00Z"),
    definitions,
  };
  return { flows: createFlowRuntime(deps), rows };
}

describe("the flow runtime runs any definition", () => {
  it("starts a flow of another kind, draws its steps from its definition and stores the kind with the row", async () => {
    const seen: Array<FlowScope | undefined> = [];
    const { flows, rows } = runtime([registrationFlow, demarche(seen)]);
    const view = await flows.start({ ip: "192.0.2.7" }, "demarche");
    expect(view).toMatchObject({ kind: "demarche", step: "contacts", title: fr.steps.contacts, progress: { current: 1, total: 1 } });
    expect(view.fields.map((f) => f.name)).toEqual(stepRegistry.contacts!.fields!.map((f) => f.name));
    expect([...rows.values()][0]!.kind).toBe("demarche");

    // The step's registry entry checks the values, in the same words as the sign-up.
    const refused = await flows.send(view.token, view.version, { type: "NEXT", values: { courriel: "pas un courriel" } });
    expect(refused.errors.courriel).toBe(fr.contacts.courrielFormat);

    const done = await flows.send(view.token, view.version, { type: "NEXT", values: { courriel: " marc@example.fr " } }, { ip: "192.0.2.7" });
    expect(done).toMatchObject({ kind: "demarche", status: "done" });
    // The actor knew the flow in hand through the machine's context, not a side channel; the row keeps none of it.
    const row = [...rows.values()][0]!;
    expect(seen).toEqual([{ flowId: row.id, ip: "192.0.2.7" }]);
    const stored = JSON.parse(row.snapshot);
    expect(stored.context.request).toBeUndefined();
    expect(stored.context.answers).toEqual({ contacts: { courriel: "marc@example.fr" }, receipt: `reçu-${row.id}` });
    expect(row.status).toBe("done");
  });

  it("starts the sign-up when no kind is asked for, and refuses a kind it does not run", async () => {
    const { flows, rows } = runtime([registrationFlow]);
    const view = await flows.start();
    expect(view).toMatchObject({ kind: "registration", step: "welcome" });
    expect([...rows.values()][0]!.kind).toBe("registration");
    await expect(flows.start({}, "inconnue")).rejects.toThrow();
  });
});
