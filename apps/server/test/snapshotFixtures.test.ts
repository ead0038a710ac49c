import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashToken, newSecretToken } from "@guichet/api";
import { flowStore } from "@guichet/db";
import { registrationMachineVersion } from "@guichet/machines";
import { driveToDone, readFixtures, type SnapshotFixture } from "./snapshotFixtures";
import { startTestServer, type TestServer } from "./testServer";
import { testEngines } from "./engines";

const fixtures = readFixtures();

describe("stored snapshots of every released machine version", () => {
  it("include every step of the current version", () => {
    const steps = new Set(fixtures.filter(([name]) => name.startsWith(`v${registrationMachineVersion}/`)).map(([, f]) => f.step));
    for (const step of ["welcome", "terms", "identity", "address", "contacts", "credentials", "services", "review", "captcha", "done"]) {
      expect(steps, `no fixture of v${registrationMachineVersion} at ${step}: npx tsx test/recordSnapshotFixtures.ts`).toContain(step);
    }
  });

  it("hold no password, token or captcha answer", () => {
    for (const [name, fixture] of fixtures) {
      const text = JSON.stringify(fixture);
      expect(text, name).not.toContain("Pontoise1975");
      expect(text, name).not.toMatch(/"(password|confirmation|token|tokenHash)"/);
    }
  });
});

describe.each(testEngines)("on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { engine });
  });
  afterAll(() => server.close());
  // Every fixture is the same citizen: each one must find no account of hers yet.
  beforeEach(async () => {
    await server.guichet.db.execute("update service_citizen set claimed_by = null");
    await server.guichet.db.execute("delete from account");
  });

  /** The fixture as a row of the flow table, the way an older process left it. */
  async function insert(fixture: SnapshotFixture) {
    const token = newSecretToken();
    const id = randomUUID();
    const now = new Date();
    await flowStore(server.guichet.db).create(
      id,
      hashToken(token),
      {
        snapshot: JSON.stringify(fixture.snapshot),
        machineVersion: fixture.machineVersion,
        step: fixture.step,
        status: fixture.step === "done" ? "done" : "active",
        expiresAt: new Date(now.getTime() + 86_400_000),
      },
      now,
    );
    return { token, id };
  }

  it.each(fixtures)("%s resumes over HTTP and can be finished, with every answer kept", async (name, fixture) => {
    const { token, id } = await insert(fixture);
    const resumed = await server.client.flow.get.mutate({ token });
    if (fixture.machineVersion === registrationMachineVersion) expect(resumed.step).toBe(fixture.step);
    expect(resumed.errors).toEqual({});

    // What the step shows is what was stored for it (answers, or the draft left with PRÉCÉDENT).
    const { answers, drafts } = fixture.snapshot.context as {
      answers: Record<string, Record<string, unknown> | undefined>;
      drafts: Record<string, Record<string, unknown> | undefined>;
    };
    for (const [field, value] of Object.entries({ ...answers[resumed.step], ...drafts[resumed.step] })) {
      const shown = resumed.fields.find((f) => f.name === field);
      if (shown && typeof value !== "object") expect(shown.value, `${name}: ${field}`).toBe(value);
    }

    let n = 0;
    const done = await driveToDone(server, resumed, () => `replay.${name.replace("/", ".")}.${n++}`);
    expect(done.status).toBe("done");
    if (fixture.step === "done") return; // its account was written by the process that finished it
    const [account] = await server.guichet.db.execute<{ username: string; nom_usuel: string; email: string }>(
      "select username, nom_usuel, email from account where flow_id = ?",
      [id],
    );
    expect(account, `${name}: no account`).toBeDefined();
    if (answers.identity) expect(account!.nom_usuel).toBe(answers.identity.nomUsuel);
    if (answers.contacts) expect(account!.email).toBe(answers.contacts.courriel);
    if (answers.credentials) expect(account!.username).toBe(answers.credentials.username);
  });
});
