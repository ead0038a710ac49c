import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createActor, type SnapshotFrom } from "xstate";
import { registrationMachine, registrationMachineVersion } from "@guichet/machines";
import { createSnapshotMigrator, migrateSnapshot, nearestRegistrationStep, type StoredSnapshot } from "./snapshotMigrations";

/** A real snapshot stored by machine version 1 (packages/api/test/fixtures, recorded over HTTP). */
const fixture = (name: string): StoredSnapshot =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/registration/v1/${name}.json`, import.meta.url), "utf8")).snapshot;

/** The same snapshot as a hypothetical version 1 would have stored it, had the step been called otherwise. */
const storedAs = (snapshot: StoredSnapshot, value: unknown) => ({ ...snapshot, value }) as StoredSnapshot;

const restore = (snapshot: unknown) => {
  const actor = createActor(registrationMachine, { snapshot: snapshot as SnapshotFrom<typeof registrationMachine> });
  actor.subscribe({ error: () => {} });
  actor.start();
  return actor;
};

describe("migrateSnapshot", () => {
  it("leaves a snapshot of the current machine as it is", () => {
    const snapshot = fixture("contacts");
    expect(migrateSnapshot(snapshot, registrationMachineVersion)).toBe(snapshot);
  });

  it("refuses a snapshot of a newer machine, and one that claims the current version but fits no state", () => {
    expect(() => migrateSnapshot(fixture("contacts"), registrationMachineVersion + 1)).toThrow(/newer machine/);
    expect(() => migrateSnapshot(storedAs(fixture("contacts"), "etapeSupprimee"), registrationMachineVersion)).toThrow(/not in machine/);
  });
});

describe("a deploy that renames states (version 1 → 2 of a machine)", () => {
  // What version 2 would ship: its states table names where each old state went.
  const migrate = createSnapshotMigrator(
    registrationMachine,
    2,
    {
      1: { states: { coordonnees: "contacts", "authentification.verification": "credentials.checking", motDePasse: "credentials" } },
    },
    nearestRegistrationStep,
  );

  it("maps a renamed step through the table and keeps every answer", () => {
    const old = storedAs(fixture("contacts"), "coordonnees");
    const migrated = migrate(old, 1) as StoredSnapshot;
    expect(migrated.value).toBe("contacts");
    expect(migrated.context).toEqual(old.context);
  });

  it("restores the mapped snapshot, which then goes on like any other", () => {
    const actor = restore(migrate(storedAs(fixture("contacts"), "coordonnees"), 1));
    expect(actor.getSnapshot().status).toBe("active");
    expect(actor.getSnapshot().value).toBe("contacts");
    expect(actor.getSnapshot().context.answers.identity?.nomUsuel).toBe("BOYET");
    actor.send({ type: "BACK" });
    expect(actor.getSnapshot().value).toBe("address");
    actor.stop();
  });

  it("keeps a known inner state under a renamed step, and starts the step again from a busy or unknown one", () => {
    expect((migrate(storedAs(fixture("credentials"), { motDePasse: "editing" }), 1) as StoredSnapshot).value).toEqual({ credentials: "editing" });
    // A busy state is never stored: the step starts at its initial state rather than re-running an actor.
    expect((migrate(storedAs(fixture("credentials"), { authentification: "verification" }), 1) as StoredSnapshot).value).toEqual({ credentials: "editing" });
    expect((migrate(storedAs(fixture("services"), { services: "ancienneEtape" }), 1) as StoredSnapshot).value).toEqual({ services: "matching" });
  });

  it("sends a step that is in no table to the nearest step: the first one not answered yet", () => {
    const migrated = migrate(storedAs(fixture("contacts"), "etapeSupprimee"), 1) as StoredSnapshot;
    expect(migrated.value).toBe("contacts");
    expect((migrate(storedAs(fixture("review"), "etapeSupprimee"), 1) as StoredSnapshot).value).toBe("review");
    expect((migrate(storedAs(fixture("welcome"), "etapeSupprimee"), 1) as StoredSnapshot).value).toBe("welcome");
    expect((migrate(storedAs(fixture("done"), "fini"), 1) as StoredSnapshot).value).toBe("done");
  });

  it("refuses a version that came with no migration", () => {
    const strict = createSnapshotMigrator(registrationMachine, 3, { 2: {} });
    expect(() => strict(fixture("contacts"), 1)).toThrow(/no migration from machine version 1/);
  });

  it("runs each version's reshaping in order", () => {
    const chained = createSnapshotMigrator(registrationMachine, 3, {
      1: { snapshot: (s) => ({ ...s, context: { ...s.context, trail: ["1→2"] } }) },
      2: { snapshot: (s) => ({ ...s, context: { ...s.context, trail: [...(s.context.trail as string[]), "2→3"] } }) },
    });
    expect((chained(fixture("contacts"), 1) as StoredSnapshot).context.trail).toEqual(["1→2", "2→3"]);
  });
});
