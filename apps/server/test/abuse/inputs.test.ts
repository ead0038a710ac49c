import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, newSecretToken } from "@guichet/api";
import { flowStore } from "@guichet/db";
import { registrationMachineVersion } from "@guichet/machines";
import { fr, type FlowView } from "@guichet/schema";
import { marcBoyet, startTestServer, walkTo, type TestServer } from "../testServer";
import { testEngines } from "../engines";
import { healthzDuring } from "./healthz";

/** One tRPC mutation as raw HTTP, so that the status and the body are what any client would see. */
async function post(url: string, path: string, input: unknown) {
  const body = typeof input === "string" ? input : JSON.stringify(input);
  const res = await fetch(`${url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: res.status, body: (await res.json()) as { error?: { message: string; data?: { httpStatus: number } }; result?: { data: FlowView } } };
}

/** `{"a":{"a":{…}}}`, `depth` levels, as text: JSON.stringify itself overflows the stack on 5,000 levels. */
const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{"nomUsuel":"BOYET"}${"}".repeat(depth - 1)}`;

describe.each(testEngines)("strict inputs on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { engine });
  });
  afterAll(() => server.close());

  const snapshotOf = async (token: string) => {
    const [row] = await server.guichet.db.execute<{ snapshot: string; version: number }>("select snapshot, version from flow where token_hash = ?", [
      hashToken(token),
    ]);
    return { snapshot: row!.snapshot, version: Number(row!.version) };
  };
  const send = (view: FlowView, move: unknown) => post(server.url, "flow.send", { token: view.token, version: view.version, move });
  /** A BACK move whose draft is given as JSON text. */
  const back = (view: FlowView, values: string) =>
    post(server.url, "flow.send", `{"token":${JSON.stringify(view.token)},"version":${view.version},"move":{"type":"BACK","values":${values}}}`);

  it("refuses a BACK draft nested 5,000 deep with a French 400, stores nothing and keeps serving", async () => {
    const view = await walkTo(server.client, "address");
    const before = await snapshotOf(view.token);
    const { result, latency } = await healthzDuring(server.url, async () => {
      const answers = [];
      for (let i = 0; i < 20; i++) answers.push(await back(view, nested(5_000)));
      return answers;
    });
    console.log(`[${engine}] 20 drafts nested 5,000 deep: /healthz p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    for (const res of result) {
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBe(fr.errors.tooDeep);
    }
    expect(latency.p99).toBeLessThan(200);
    expect(await snapshotOf(view.token)).toEqual(before);
    // Nine levels are refused, eight pass: the limit is where the docs say.
    expect((await back(view, nested(9))).status).toBe(400);
    expect((await back(view, nested(8))).status).toBe(200);
  });

  it("refuses a 250 KB draft and a 17 KB answer as too large, and accepts 15 KB", async () => {
    const view = await walkTo(server.client, "address");
    const before = await snapshotOf(view.token);
    const big = await send(view, { type: "BACK", values: { complement: "x".repeat(250_000) } });
    expect(big.status).toBe(400);
    expect(big.body.error?.message).toBe(fr.errors.tooLarge);
    const over = await send(view, { type: "NEXT", values: { ...marcBoyet.address, complement: "é".repeat(17_000) } });
    expect(over.status).toBe(400);
    expect(over.body.error?.message).toBe(fr.errors.tooLarge);
    expect(await snapshotOf(view.token)).toEqual(before);
    const fine = await send(view, { type: "BACK", values: { complement: "x".repeat(15_000) } });
    expect(fine.status).toBe(200);
    expect(fine.body.result?.data.step).toBe("identity");
  });

  it("refuses 5,000 service keys in one move at once, and reads one key per service", async () => {
    const view = await walkTo(server.client, "services");
    const before = await snapshotOf(view.token);
    const keys = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`s${i}`, `KEY-${i}`]));
    const started = performance.now();
    const res = await send(view, { type: "NEXT", values: { keys } });
    const ms = performance.now() - started;
    console.log(`[${engine}] 5,000 service keys refused in ${ms.toFixed(0)} ms`);
    expect(res.status).toBe(400);
    // 5,000 keys weigh more than a step may: refused before any look-up.
    expect(res.body.error?.message).toBe(fr.errors.tooLarge);
    expect(ms).toBeLessThan(300);
    const few = Object.fromEntries(Array.from({ length: 2 }, (_, i) => [`s${i}`, `KEY-${i}`]));
    const tooMany = await send(view, { type: "NEXT", values: { keys: few } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toBe(fr.errors.tooManyKeys);
    expect(await snapshotOf(view.token)).toEqual(before);
    // As many keys as the tenant has services still go through the service's check.
    const one = await send(view, { type: "NEXT", values: { keys: { enfance: "ENF-0000-00" } } });
    expect(one.status).toBe(200);
    expect(one.body.result?.data.errors["keys.enfance"]).toBe(fr.services.keyWrong);
  });

  it("accepts names typed in NFD and with a typographic apostrophe, stores them NFC as typed", async () => {
    const nfd = "E\u0301loi\u0308se";
    const view = await walkTo(server.client, "identity");
    const res = await send(view, { type: "NEXT", values: { ...marcBoyet.identity, prenoms: nfd, nomUsuel: "D’Artagnan", nomNaissance: "DʼArtagnan‐Lupin" } });
    expect(res.body.result?.data.errors).toEqual({});
    expect(res.body.result?.data.step).toBe("address");
    const stored = JSON.parse((await snapshotOf(view.token)).snapshot) as { context: { answers: { identity: Record<string, string> } } };
    expect(stored.context.answers.identity).toMatchObject({ prenoms: "Éloïse", nomUsuel: "D’Artagnan", nomNaissance: "DʼArtagnan‐Lupin" });
    expect(stored.context.answers.identity.prenoms).toBe(nfd.normalize("NFC"));
    // What is not a name stays refused.
    const back = await walkTo(server.client, "identity");
    const refused = await send(back, { type: "NEXT", values: { ...marcBoyet.identity, nomUsuel: "Boyet<script>" } });
    expect(refused.body.result?.data.errors.nomUsuel).toBe(fr.identity.nameChars);
  });

  it("answers fields sent as objects, one with a toString that is no function, with field errors, and keeps the flow usable", async () => {
    const trap = { toString: 1, valueOf: 1 };
    const atCredentials = await walkTo(server.client, "credentials");
    const refused = await send(atCredentials, { type: "NEXT", values: { username: trap, password: trap, confirmation: ["x"] } });
    expect(refused.status).toBe(200);
    expect(refused.body.result?.data.errors.username).toBeTruthy();

    // A draft keeps what was sent; the step shows such a field empty, now and at every later reading.
    const atAddress = await walkTo(server.client, "address");
    const back = await send(atAddress, { type: "BACK", values: { voie: trap, ville: { a: [1] }, numero: 12 } });
    expect(back.status).toBe(200);
    const again = back.body.result!.data;
    const forward = await send(again, { type: "NEXT", values: marcBoyet.identity });
    expect(forward.status).toBe(200);
    const fields = Object.fromEntries(forward.body.result!.data.fields.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ voie: "", ville: "", numero: "12" });

    const atServices = await walkTo(server.client, "services");
    const keys = await send(atServices, { type: "NEXT", values: { keys: { enfance: trap } } });
    expect(keys.status).toBe(200);
    expect(keys.body.result?.data.errors["keys.enfance"]).toBeTruthy();
    expect(typeof keys.body.result?.data.services?.[0]?.key).toBe("string");
  });

  describe("a stored snapshot that does not fit", () => {
    /** A flow row written straight into the table, as damage or an old bug could leave it. */
    async function insert(snapshot: string) {
      const token = newSecretToken();
      const now = new Date();
      await flowStore(server.guichet.db).create(
        randomUUID(),
        hashToken(token),
        {
          snapshot,
          machineVersion: registrationMachineVersion,
          step: "identity",
          status: "active",
          expiresAt: new Date(now.getTime() + 86_400_000),
        },
        now,
      );
      return token;
    }
    const good = {
      status: "active",
      value: "identity",
      historyValue: {},
      context: { answers: { terms: { accepted: true } }, drafts: {}, returnToReview: false, errors: {} },
      children: {},
    };
    const shapes: Array<[string, unknown]> = [
      ["context null", { ...good, context: null }],
      ["context a string", { ...good, context: "x" }],
      ["context missing", { ...good, context: undefined }],
      ["answers null", { ...good, context: { ...good.context, answers: null } }],
      ["answers an array", { ...good, context: { ...good.context, answers: [1, 2] } }],
      ["identity answer a number", { ...good, context: { ...good.context, answers: { identity: 42 } } }],
      ["drafts null", { ...good, context: { ...good.context, drafts: null } }],
      ["a draft a string", { ...good, context: { ...good.context, drafts: { identity: "x" } } }],
      ["service keys a string", { ...good, value: "review", context: { ...good.context, answers: { services: { keys: "x" } } } }],
      ["value a number", { ...good, value: 42 }],
      ["value null", { ...good, value: null }],
      ["the snapshot a string", "identity"],
      ["the snapshot an array", [good]],
      ["the snapshot null", null],
    ];

    it.each(shapes)("%s: the flow's own clear error, and the server keeps serving", async (_name, snapshot) => {
      const token = await insert(JSON.stringify(snapshot) ?? "null");
      const got = await post(server.url, "flow.send", { token, version: 1, move: { type: "NEXT", values: marcBoyet.identity } });
      expect(got.status).toBe(422);
      expect(got.body.error?.message).toBe(fr.errors.broken);
      const read = await fetch(`${server.url}/trpc/flow.get?input=${encodeURIComponent(JSON.stringify({ token }))}`);
      if (read.status !== 405) {
        // flow.get may be a POST elsewhere; when it is a query, it answers the same.
        expect(read.status).toBe(422);
        expect(((await read.json()) as { error: { message: string } }).error.message).toBe(fr.errors.broken);
      }
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });

    it("a text that is not JSON is that flow's clear error too", async () => {
      const token = await insert("{not json");
      const got = await post(server.url, "flow.send", { token, version: 1, move: { type: "BACK" } });
      expect(got.status).toBe(422);
      expect(got.body.error?.message).toBe(fr.errors.broken);
    });
  });
});
