import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FlowMove, FlowView } from "@guichet/schema";
import { marcBoyet, type TestServer } from "./testServer";

/*
 * Real snapshots of every released registration machine, one folder per version
 * (packages/api/test/fixtures/registration/v1/…), recorded by driving the real flow over HTTP
 * (`npx tsx test/recordSnapshotFixtures.ts`) and never edited afterwards: a deploy must keep them resumable.
 */

export const fixturesDir = fileURLToPath(new URL("../../../packages/api/test/fixtures/registration/", import.meta.url));

export interface SnapshotFixture {
  readonly about: string;
  readonly machineVersion: number;
  /** The flow table's `step` column when it was stored. */
  readonly step: string;
  readonly snapshot: { value: unknown; context: { answers: Record<string, Record<string, unknown> | undefined> } & Record<string, unknown> };
}

/** Every fixture of every version, as `v1/identity` → fixture. */
export function readFixtures(): Array<[string, SnapshotFixture]> {
  return readdirSync(fixturesDir)
    .filter((d) => /^v\d+$/.test(d))
    .flatMap((version) =>
      readdirSync(fixturesDir + version)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f): [string, SnapshotFixture] => [`${version}/${f.slice(0, -5)}`, JSON.parse(readFileSync(`${fixturesDir}${version}/${f}`, "utf8"))]),
    );
}

/** What a citizen types on a step: the seed's Marc Boyet, with the given username. */
export function valuesFor(view: FlowView, username: string): Record<string, unknown> | undefined {
  switch (view.step) {
    case "terms":
      return marcBoyet.terms;
    case "identity":
      return marcBoyet.identity;
    case "address":
      return marcBoyet.address;
    case "contacts":
      return marcBoyet.contacts;
    case "credentials":
      return { ...marcBoyet.credentials, username };
    case "services":
      // What the page shows is what it sends back: keys found by the services stay.
      return { keys: Object.fromEntries((view.services ?? []).map((s) => [s.id, s.key])) };
    case "captcha":
      return { challengeId: "off", text: "off" };
    default:
      return undefined;
  }
}

/** The move a citizen makes to go on from the step shown. */
export function nextMove(view: FlowView, username: string): FlowMove {
  if (view.step === "welcome") return { type: "START" };
  const values = valuesFor(view, username);
  return values ? { type: "NEXT", values } : { type: "NEXT" };
}

/** Goes on from `view` until the flow is done; every move must be accepted, except a username already taken. */
export async function driveToDone(server: TestServer, view: FlowView, username: () => string): Promise<FlowView> {
  let name = username();
  for (let moves = 0; view.status !== "done"; moves++) {
    if (moves > 20) throw new Error(`still at ${view.step} after 20 moves`);
    const before = view.step;
    view = await server.client.flow.send.mutate({ token: view.token, version: view.version, move: nextMove(view, name) });
    if (view.step === "credentials" && view.errors.username) {
      name = username();
      continue;
    }
    if (Object.keys(view.errors).length) throw new Error(`refused at ${before}: ${JSON.stringify(view.errors)}`);
  }
  return view;
}
