import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captchaMessages } from "@guichet/captcha";
import { fr, type CaptchaView, type FlowView } from "@guichet/schema";
import { readSettings, SettingsError } from "../src/settings";
import { testEngines } from "./engines";
import { deviceClient, type DeviceClient } from "./liveClient";
import { marcBoyet, startTestServer, walkTo, type TestServer } from "./testServer";

const API = "/piste/captchetat/v2";
const CLIENT = { id: "guichet-test", secret: "s3cret-de-test" };

/**
 * A stand-in for CaptchEtat on loopback, with the shapes of its API: PISTE's OAuth2 token endpoint
 * (client credentials, form-encoded), `simple-captcha-endpoint` (`get=image` gives `{ imageb64, uuid }`,
 * `get=sound&t=uuid` the sound), and `valider-captcha` (`{ uuid, code }`, answered `true` or `false`).
 */
async function captchEtatStub() {
  const codes = new Map<string, string>();
  const tokens = new Set<string>();
  const calls: string[] = [];
  const png = (
    await sharp({ create: { width: 120, height: 40, channels: 3, background: "#eee" } })
      .png()
      .toBuffer()
  ).toString("base64");
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const authorised = (header: string | undefined) => tokens.has((header ?? "").replace(/^Bearer /, ""));

  app.post("/api/oauth/token", async (req, reply) => {
    const form = req.body as Record<string, string>;
    calls.push("token");
    if (form.grant_type !== "client_credentials" || form.client_id !== CLIENT.id || form.client_secret !== CLIENT.secret || form.scope !== "piste.captchetat") {
      return reply.code(401).send({ error: "invalid_client" });
    }
    const token = randomUUID();
    tokens.add(token);
    return { access_token: token, token_type: "Bearer", expires_in: 3600, scope: "piste.captchetat" };
  });
  app.get(`${API}/simple-captcha-endpoint`, async (req, reply) => {
    if (!authorised(req.headers.authorization)) return reply.code(401).send();
    const query = req.query as Record<string, string>;
    calls.push(`endpoint:${query.get}`);
    if (query.get === "sound") {
      if (!query.t || !codes.has(query.t)) return reply.code(400).send();
      return reply.type("audio/wav").send(Buffer.from("RIFF0000WAVEfmt "));
    }
    if (query.get !== "image" || !query.c) return reply.code(400).send();
    const uuid = randomUUID();
    codes.set(uuid, Math.random().toString(36).slice(2, 8).toUpperCase());
    return { imageb64: png, uuid };
  });
  app.post(`${API}/valider-captcha`, async (req, reply) => {
    if (!authorised(req.headers.authorization)) return reply.code(401).send();
    const { uuid, code } = req.body as { uuid: string; code: string };
    calls.push("valider");
    const expected = codes.get(uuid);
    codes.delete(uuid);
    return reply.type("application/json").send(String(expected !== undefined && expected === code));
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, codes, calls, close: () => app.close(), lastCode: () => [...codes.values()].at(-1)! };
}

type Characters = Extract<CaptchaView, { kind: "characters" }>;
const characters = (view: FlowView): Characters => {
  const c = view.captcha;
  if (!c || c.disabled || c.kind !== "characters") throw new Error(`no characters to copy: ${JSON.stringify(c)?.slice(0, 200)}`);
  return c;
};
const someone = (n: string) => ({
  ...marcBoyet,
  contacts: { ...marcBoyet.contacts, courriel: `e${n}@example.fr` },
  credentials: { ...marcBoyet.credentials, username: `etat${n}` },
});
const answer = (client: DeviceClient, view: FlowView, text: string) =>
  client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { challengeId: characters(view).challengeId, text } } });

describe("the State's CaptchEtat in place of the pictures", () => {
  it("needs its address and the tenant's PISTE credentials", () => {
    expect(() => readSettings({ GUICHET_CAPTCHA: "captchetat", CAPTCHETAT_URL: "https://api.example" })).toThrow(SettingsError);
    expect(() => readSettings({ GUICHET_CAPTCHA: "peut-être" })).toThrow(/pictures \(the default\), captchetat or off/);
    const settings = readSettings({
      GUICHET_CAPTCHA: "captchetat",
      CAPTCHETAT_URL: "https://api.example/v2",
      CAPTCHETAT_CLIENT_ID: "a",
      CAPTCHETAT_CLIENT_SECRET: "b",
    });
    expect(settings.captchEtat).toMatchObject({ url: "https://api.example/v2", oauthUrl: "https://oauth.piste.gouv.fr/api/oauth/token" });
    expect(() => readSettings({ GUICHET_CAPTCHA: "off", NODE_ENV: "production" })).toThrow(SettingsError);
  });
});

describe.each(testEngines)("CaptchEtat behind the same port, on %s", { timeout: 120_000 }, (engine) => {
  let stub: Awaited<ReturnType<typeof captchEtatStub>>;
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    stub = await captchEtatStub();
    server = await startTestServer(
      {
        GUICHET_CAPTCHA: "captchetat",
        CAPTCHETAT_URL: `${stub.url}${API}`,
        CAPTCHETAT_OAUTH_URL: `${stub.url}/api/oauth/token`,
        CAPTCHETAT_CLIENT_ID: CLIENT.id,
        CAPTCHETAT_CLIENT_SECRET: CLIENT.secret,
      },
      // CaptchEtat alone: the proof of work asked beside it has a suite of its own (abuse/pow.test.ts).
      { engine, proofOfWorkOff: true },
    );
  });
  afterAll(async () => {
    await server?.close();
    await stub?.close();
  });
  const atCheck = (ip: string) => {
    const client = deviceClient(server.url, { ip });
    return walkTo(client, "captcha", someone(`${engine}${++n}`)).then((view) => ({ client, view }));
  };

  it("shows CaptchEtat's image and sound, and signs up with the characters it drew", async () => {
    const { client, view } = await atCheck("198.18.0.1");
    const c = characters(view);
    expect(c.image).toMatch(/^data:image\/png;base64,/);
    expect(c.audio).toMatch(/^data:audio\/wav;base64,/);
    // The page never learns CaptchEtat's own id for the challenge.
    expect(stub.codes.has(c.challengeId)).toBe(false);
    const done = await answer(client, view, stub.lastCode());
    expect(done.status).toBe("done");
    // One token for the process, kept between calls.
    expect(stub.calls.filter((call) => call === "token")).toHaveLength(1);
  });

  it("refuses wrong characters with the French message and a new image, and waits after 5 like the pictures", async () => {
    const started = await atCheck("198.18.0.2");
    const client = started.client;
    let view = started.view;
    const first = characters(view).challengeId;
    view = await answer(client, view, "FAUX00");
    expect(view.errors.answer).toBe(captchaMessages.wrong);
    expect(characters(view).challengeId).not.toBe(first);
    for (let i = 0; i < 4; i++) view = await answer(client, view, "FAUX00");
    expect(view.captcha).toMatchObject({ kind: "wait", message: expect.stringMatching(/^Trop d’essais\u00a0: réessayez dans 15 minutes\./) });
    // Nothing is sent to CaptchEtat while the flow waits, not even a right answer.
    const checks = stub.calls.filter((call) => call === "valider").length;
    view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { challengeId: first, text: "X" } } });
    expect(view.status).toBe("active");
    expect(stub.calls.filter((call) => call === "valider")).toHaveLength(checks);
  });

  it("says in French that the check is unavailable when CaptchEtat does not answer, and keeps the flow", async () => {
    const { client, view } = await atCheck("198.18.0.3");
    await stub.close();
    const after = await answer(client, view, "ABCDEF");
    expect(after.status).toBe("active");
    expect(after.step).toBe("captcha");
    expect(after.errors.answer).toBe(fr.captcha.unavailable);
    expect(after.captcha).toEqual({ disabled: false, kind: "wait", message: fr.captcha.unavailable });
  });
});
