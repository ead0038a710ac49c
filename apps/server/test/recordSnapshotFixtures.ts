// Records what the current registration machine stores at each step, as fixtures that later
// deploys must still resume: `cd apps/server && npx tsx test/recordSnapshotFixtures.ts`.
// Only missing files are written: the fixtures of a released version are never re-recorded.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hashToken } from "@guichet/api";
import { registrationMachineVersion } from "@guichet/machines";
import type { FlowMove, FlowView } from "@guichet/schema";
import { fixturesDir, nextMove, type SnapshotFixture } from "./snapshotFixtures";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";

type Recording = { name: string; about: string; reach: (go: Go) => Promise<FlowView> };
type Go = { until(step: string): Promise<FlowView>; send(move: FlowMove): Promise<FlowView> };

const simpleSteps = ["welcome", "terms", "identity", "address", "contacts", "credentials", "services", "review", "captcha", "done"];

const recordings: Recording[] = [
  ...simpleSteps.map((step) => ({ name: step, about: `the flow at ${step}, reached by going forward`, reach: (go: Go) => go.until(step) })),
  {
    name: "identity-from-review",
    about: "IDENTITÉ opened by its Modifier link on the review (returnToReview)",
    reach: async (go: Go) => {
      await go.until("review");
      return go.send({ type: "EDIT", step: "identity" });
    },
  },
  {
    name: "contacts-with-credentials-draft",
    about: "back from AUTHENTIFICATION with a username typed: a draft, and no password, kept",
    reach: async (go: Go) => {
      await go.until("credentials");
      return go.send({ type: "BACK", values: { ...marcBoyet.credentials, username: "fixture.brouillon" } });
    },
  },
];

async function record(server: TestServer, recording: Recording): Promise<SnapshotFixture> {
  let view = await server.client.flow.start.mutate();
  const username = `fixture.${recording.name}`;
  const go: Go = {
    async until(step) {
      while (view.step !== step) {
        view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: nextMove(view, username) });
        if (Object.keys(view.errors).length) throw new Error(`${recording.name}: refused: ${JSON.stringify(view.errors)}`);
      }
      return view;
    },
    async send(move) {
      view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move });
      return view;
    },
  };
  await recording.reach(go);
  const [row] = await server.guichet.db.execute<{ snapshot: string; machine_version: number; step: string }>(
    "select snapshot, machine_version, step from flow where token_hash = ?",
    [hashToken(view.token)],
  );
  if (!row) throw new Error(`${recording.name}: no stored flow`);
  return {
    about: `${recording.about}; stored by machine version ${row.machine_version}. Recorded by apps/server/test/recordSnapshotFixtures.ts: never edit.`,
    machineVersion: Number(row.machine_version),
    step: row.step,
    snapshot: JSON.parse(row.snapshot),
  };
}

const dir = `${fixturesDir}v${registrationMachineVersion}/`;
mkdirSync(dir, { recursive: true });
const server = await startTestServer();
try {
  for (const recording of recordings) {
    const file = `${dir}${recording.name}.json`;
    if (existsSync(file)) {
      console.log(`kept     ${file}`);
      continue;
    }
    writeFileSync(file, JSON.stringify(await record(server, recording), null, 2) + "\n");
    console.log(`recorded ${file}`);
  }
} finally {
  await server.close();
}
