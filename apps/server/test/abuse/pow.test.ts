import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { accountMessages as m, powMessages } from "@guichet/api";
import type { FlowMove, FlowView } from "@guichet/schema";
import { movableClock, refusal } from "../accountHelpers";
import { testEngines } from "../engines";
import { deviceClient, type DeviceClient } from "../liveClient";
import { signUpAnswers, startTestServer, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

/**
 * Issue 10, "the security check stops scripts": with the check on, flow.start, VALIDER and every
 * anonymous e-mail cost a proof of work (ALTCHA), solved here as a script would, in Node.
 */
const POW_SECRET = "un secret partagé par tous les processus du guichet";
const solveTimes: number[] = [];

/** What a script must do for each call: fetch a challenge, pay for it, send it back. */
async function solved(client: DeviceClient): Promise<string> {
  const challenge = (await client.pow.challenge.mutate()) as Challenge;
  const started = performance.now();
  const solution = await solveChallenge({ challenge, deriveKey });
  solveTimes.push(performance.now() - started);
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

/** The right picture, found as the server finds it: each cell's key hashed with the challenge's id. */
async function rightCell(server: TestServer, view: FlowView): Promise<string> {
  const captcha = view.captcha as { readonly challengeId: string; readonly cells: ReadonlyArray<{ readonly key: string }> };
  const rows = await server.guichet.db.execute<{ record: string }>("select record from captcha where id = ?", [captcha.challengeId]);
  const { answerHash } = JSON.parse(rows[0]!.record) as { answerHash: string };
  const cell = captcha.cells.find((c) => createHash("sha256").update(`${captcha.challengeId}\u0000${c.key}`).digest("hex") === answerHash);
  return cell!.key;
}

/** A flow walked to CONTRÔLE DE SÉCURITÉ, its start paid for. */
async function flowAtCaptcha(client: DeviceClient, n: string): Promise<FlowView> {
  let view = await client.flow.start.mutate({ pow: await solved(client) });
  const go = async (move: FlowMove) => (view = await client.flow.send.mutate({ token: view.token, version: view.version, move }));
  await go({ type: "START" });
  for (const [step, values] of signUpAnswers().slice(0, -1)) {
    const v = step === "credentials" ? { ...values, username: `pow.${n}` } : step === "contacts" ? { ...values, courriel: `pow.${n}@example.fr` } : values;
    await go({ type: "NEXT", ...(v ? { values: v } : {}) });
    expect(view.errors, `errors at ${step}`).toEqual({});
  }
  expect(view.step).toBe("captcha");
  return view;
}

describe.each(testEngines)("the proof of work, on %s", (engine) => {
  let a: TestServer;
  let b: TestServer;
  let web: DeviceClient;
  const clock = movableClock();
  beforeAll(async () => {
    const env = { GUICHET_CAPTCHA: "on", GUICHET_POW_SECRET: POW_SECRET };
    a = await startTestServer(env, { engine, now: clock.now });
    b = await startTestServer({ ...env, DATABASE_URL: a.guichet.settings.databaseUrl! }, { now: clock.now });
    web = deviceClient(a.url, { ip: "192.0.2.10" });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    const sorted = [...solveTimes].sort((x, y) => x - y);
    if (sorted.length) console.log(`proof of work solved in Node: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms over ${sorted.length}`);
  });

  it("refuses flow.start without a solution, in French, and accepts a solved one once, on any process", async () => {
    expect(await refusal(web.flow.start.mutate())).toEqual({ code: "PRECONDITION_REQUIRED", message: powMessages.required });
    expect(await refusal(web.flow.start.mutate({ pow: "bm9uIG1lcmNp" }))).toEqual({ code: "PRECONDITION_REQUIRED", message: powMessages.required });
    const pow = await solved(web);
    expect((await web.flow.start.mutate({ pow })).step).toBe("welcome");
    // A replay is refused, by this process and by the other one.
    expect(await refusal(web.flow.start.mutate({ pow }))).toEqual({ code: "PRECONDITION_REQUIRED", message: powMessages.replayed });
    expect((await refusal(deviceClient(b.url).flow.start.mutate({ pow }))).message).toBe(powMessages.replayed);
    // A challenge from one process is good on the other: they share GUICHET_POW_SECRET.
    expect((await deviceClient(b.url).flow.start.mutate({ pow: await solved(web) })).step).toBe("welcome");
  });

  it("refuses a solution with a wrong key, a challenge altered or signed with another secret", async () => {
    const challenge = (await web.pow.challenge.mutate()) as Challenge;
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    const encode = (p: unknown) => Buffer.from(JSON.stringify(p)).toString("base64");
    expect(
      (
        await refusal(
          web.flow.start.mutate({
            pow: encode({ challenge, solution: { ...solution, derivedKey: solution.derivedKey.replace(/^./, (c) => (c === "0" ? "1" : "0")) } }),
          }),
        )
      ).message,
    ).toBe(powMessages.required);
    const easier = { ...challenge, parameters: { ...challenge.parameters, cost: 1 } };
    expect((await refusal(web.flow.start.mutate({ pow: encode({ challenge: easier, solution }) }))).message).toBe(powMessages.required);
    const other = await startTestServer({ GUICHET_CAPTCHA: "on" }, { engine: "sqlite" });
    try {
      expect((await refusal(deviceClient(other.url).flow.start.mutate({ pow: encode({ challenge, solution }) }))).message).toBe(powMessages.required);
    } finally {
      await other.close();
    }
    // The honest solution still works: nothing above spent it.
    expect((await web.flow.start.mutate({ pow: encode({ challenge, solution }) })).step).toBe("welcome");
  });

  it("refuses a challenge answered after 10 minutes", async () => {
    const pow = await solved(web);
    clock.advance(10 * 60_000 + 1_000);
    try {
      expect(await refusal(web.flow.start.mutate({ pow }))).toEqual({ code: "PRECONDITION_REQUIRED", message: powMessages.expired });
    } finally {
      clock.advance(-(10 * 60_000 + 1_000));
    }
  });

  it("asks for it at VALIDER of the security check, before the answer is looked at; the flow stays as it was", async () => {
    const view = await flowAtCaptcha(web, "valider");
    const answer = { challengeId: (view.captcha as { challengeId: string }).challengeId, cellKey: await rightCell(a, view) };
    const move: FlowMove = { type: "NEXT", values: answer };
    expect(await refusal(web.flow.send.mutate({ token: view.token, version: view.version, move }))).toEqual({
      code: "PRECONDITION_REQUIRED",
      message: powMessages.required,
    });
    const still = await web.flow.get.mutate({ token: view.token });
    expect(still.version).toBe(view.version);
    expect(still.step).toBe("captcha");
    // The answer was not spent by the refusal: paid for, the same one goes through.
    const done = await web.flow.send.mutate({ token: view.token, version: view.version, move, pow: await solved(web) });
    expect(done.errors).toEqual({});
    expect(done.step).toBe("done");
  });

  it("asks for it on every anonymous e-mail: resume link, new activation e-mail, password reset", async () => {
    const view = await flowAtCaptcha(web, "courriel");
    expect((await refusal(web.resume.sendLink.mutate({ token: view.token }))).code).toBe("PRECONDITION_REQUIRED");
    expect(await web.resume.sendLink.mutate({ token: view.token, pow: await solved(web) })).toEqual({ sentTo: "p•••@example.fr" });
    expect((await refusal(web.account.resendActivation.mutate({ identifiant: "pow.courriel@example.fr" }))).code).toBe("PRECONDITION_REQUIRED");
    expect(await web.account.resendActivation.mutate({ identifiant: "pow.courriel@example.fr", pow: await solved(web) })).toEqual({
      message: m.activation.resent,
    });
    expect((await refusal(web.account.requestPasswordReset.mutate({ identifiant: "pow.courriel@example.fr" }))).code).toBe("PRECONDITION_REQUIRED");
    expect(await web.account.requestPasswordReset.mutate({ identifiant: "pow.courriel@example.fr", pow: await solved(web) })).toEqual({
      message: m.reset.requested,
    });
  });

  it("hands out challenges cheaply: 200, 10 at a time, keep /healthz answering", async () => {
    const { result, latency } = await healthzDuring(a.url, async () => {
      const all = [];
      for (let wave = 0; wave < 20; wave++) {
        all.push(
          ...(await Promise.all(Array.from({ length: 10 }, (_, i) => deviceClient(a.url, { ip: `203.0.113.${wave * 10 + i}` }).pow.challenge.mutate()))),
        );
      }
      return all;
    });
    console.log(`200 pow.challenge, 10 in parallel: /healthz p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    expect(latency.p99).toBeLessThan(200);
    expect(new Set(result.map((c) => c!.signature)).size).toBe(200);
  });
});

describe("with GUICHET_CAPTCHA=off (tests and demos)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("hands out no challenge and asks for none, while the e-mail limits stay on", async () => {
    const client = deviceClient(server.url, { ip: "192.0.2.99" });
    expect(await client.pow.challenge.mutate()).toBeNull();
    expect((await client.flow.start.mutate()).step).toBe("welcome");
    const id = randomUUID();
    await server.guichet.db.execute(
      "insert into account (id, username, username_key, password_hash, email, email_key, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at, activated_at) values (?, 'off', 'off', 'x', 'off@example.fr', 'off@example.fr', 'Madame', 'MARTIN', 'Eve', '{}', 'pending', ?, ?, null)",
      [id, randomUUID(), new Date()],
    );
    for (let i = 0; i < 5; i++) await client.account.resendActivation.mutate({ identifiant: "off@example.fr" });
    const queued = await server.guichet.db.execute("select id from outbox where recipient = 'off@example.fr'");
    expect(queued).toHaveLength(3);
  });
});
