import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browser, citizen, linkIn, mailsTo } from "./accountHelpers";
import { testEngines } from "./engines";
import { signUpAnswers, startTestServer, type Citizen, type TestServer } from "./testServer";

describe.each(testEngines)("the IDENTITÉ photo in Mon espace, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_WORKER: "off", PUBLIC_URL: "http://guichet.test" }, { engine });
  });
  afterAll(() => server.close());

  /** A whole sign-up whose IDENTITÉ carries a photo sent apart, then its activation. */
  async function signUpWithPhoto(who: Citizen) {
    const c = server.client.flow;
    let view = await c.start.mutate();
    view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
    const png = await sharp({ create: { width: 40, height: 50, channels: 3, background: "#36a" } })
      .png()
      .toBuffer();
    const res = await fetch(`${server.url}/api/photo`, {
      method: "POST",
      headers: { "content-type": "image/png", "x-guichet-flow": view.token },
      body: new Uint8Array(png),
    });
    const { photoId } = (await res.json()) as { photoId: string };
    for (const [step, values] of signUpAnswers({ ...who, identity: { ...who.identity, photoId } as Citizen["identity"] })) {
      view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
      expect(view.errors, step).toEqual({});
    }
    expect(view.step).toBe("done");
    const mail = (await mailsTo(server, who.contacts.courriel)).find((m) => m.subject.startsWith("Confirmation"))!;
    await server.client.account.activate.mutate({ jeton: linkIn(mail.text, "activation").jeton });
  }

  async function loggedIn(who: Citizen) {
    const b = browser(server);
    await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
    const photo = () => fetch(`${server.url}/api/account/photo`, { headers: { cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    return { me: await b.client.account.me.query(), photo };
  }

  it("serves the sign-up's photo to its own citizen only, by the session cookie", async () => {
    const anne = citizen("photo");
    await signUpWithPhoto(anne);
    const session = await loggedIn(anne);
    expect(session.me?.photo).toBe(true);
    const res = await session.photo();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(40);

    // Without the session, nothing: the photo is never reachable by a guessable address.
    expect((await fetch(`${server.url}/api/account/photo`)).status).toBe(404);
  });
});
