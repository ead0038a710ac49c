import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { signInAs, startFranceConnectDev, type DevProvider } from "@guichet/franceconnect-dev";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { defaultAbuseLimits } from "@guichet/api";
import { franceConnectLoginRepository } from "@guichet/db";
import { fr, type FlowView } from "@guichet/schema";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { codeIn, CookieJar, mailsTo } from "./accountHelpers";
import { testEngines } from "./engines";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";

// The callback is registered at this address; the tests bring it to the test server themselves (its port is chosen at start).
const redirectUri = "http://127.0.0.1:9/franceconnect/callback";
const postLogoutRedirectUri = "http://127.0.0.1:9/";
const devClient = {
  clientId: "guichet-http",
  clientSecret: "a-secret-of-the-http-client",
  redirectUris: [redirectUri],
  postLogoutRedirectUris: [postLogoutRedirectUri],
};
const fcEnv = (issuer: string, more: Record<string, string> = {}) => ({
  FRANCECONNECT_ISSUER: issuer,
  FRANCECONNECT_CLIENT_ID: devClient.clientId,
  FRANCECONNECT_CLIENT_SECRET: devClient.clientSecret,
  FRANCECONNECT_REDIRECT_URI: redirectUri,
  FRANCECONNECT_POST_LOGOUT_REDIRECT_URI: postLogoutRedirectUri,
  ...more,
});

/** A browser as far as these routes go: cookies kept and sent back, redirections not followed. */
function browser(server: TestServer) {
  const jar = new CookieJar();
  async function send(path: string | URL, init: RequestInit = {}) {
    const url = new URL(path, server.url);
    const headers = jar.sendWith(new Headers(init.headers));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    jar.keep(res);
    await res.arrayBuffer();
    return res;
  }
  /** A tRPC call as the pages make it: queries by GET, mutations by POST with a JSON body. */
  const trpc = async <T>(path: string, input?: unknown): Promise<T> => {
    const query = path === "account.me";
    const headers = jar.sendWith(new Headers(query ? {} : { "content-type": "application/json" }));
    const res = await fetch(
      `${server.url}/trpc/${path}`,
      query ? { headers } : { method: "POST", headers, body: input === undefined ? undefined : JSON.stringify(input) },
    );
    jar.keep(res);
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  };
  return {
    jar,
    send,
    trpc,
    /** The button's form: POST /franceconnect/login, the flow's token in the body. */
    begin: (fields: Record<string, string>) =>
      send("/franceconnect/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, "sec-fetch-site": "same-origin" },
        body: new URLSearchParams(fields).toString(),
      }),
    /** FranceConnect's redirection, brought to the test server. */
    callback: (back: URL) => send(`/franceconnect/callback${back.search}`),
  };
}

const location = (res: Response) => res.headers.get("location") ?? "";

let provider: DevProvider;
beforeAll(async () => {
  provider = await startFranceConnectDev({ clients: [devClient] });
}, 60_000);
afterAll(() => provider.close());

describe.each(testEngines)("FranceConnect over HTTP, on %s", (engine) => {
  let server: TestServer;
  const logged: string[] = [];
  const requestLog = new PassThrough();
  const requestLines: string[] = [];
  requestLog.on("data", (chunk: Buffer) => requestLines.push(chunk.toString()));
  beforeAll(async () => {
    server = await startTestServer(fcEnv(provider.issuer), { engine, logStream: requestLog });
  }, 60_000);
  afterAll(() => server.close());
  beforeAll(() => {
    vi.spyOn(console, "warn").mockImplementation((line: unknown) => void logged.push(String(line)));
  });
  afterEach(() => void (logged.length = 0));
  afterAll(() => vi.restoreAllMocks());

  async function newFlow(b: ReturnType<typeof browser>): Promise<FlowView> {
    return b.trpc<FlowView>("flow.start");
  }
  const get = (b: ReturnType<typeof browser>, token: string) => b.trpc<FlowView>("flow.get", { token });
  const send = (b: ReturnType<typeof browser>, view: FlowView, move: unknown) =>
    b.trpc<FlowView>("flow.send", { token: view.token, version: view.version, move });

  /** BIENVENUE → the button → FranceConnect as `sub` → the callback: what the server answered it. */
  async function throughFranceConnect(b: ReturnType<typeof browser>, view: FlowView, sub: string) {
    const left = await b.begin({ purpose: "signup", token: view.token });
    expect(left.status).toBe(303);
    const back = await signInAs(location(left), sub);
    return { back, answer: await b.callback(back) };
  }

  it("says the web may offer FranceConnect", async () => {
    expect((await server.client.tenant.info.query()).franceConnect).toBe(true);
  });

  it("sends the citizen to FranceConnect from a POST with the token in its body, code flow with PKCE and eidas1", async () => {
    const b = browser(server);
    const view = await newFlow(b);
    const left = await b.begin({ purpose: "signup", token: view.token });
    expect(left.status).toBe(303);
    const url = new URL(location(left));
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("acr_values")).toBe("eidas1");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.href).not.toContain(view.token);
    expect(left.headers.get("cache-control")).toBe("no-store");
    // The CSP lets the form lead to FranceConnect, and nowhere else.
    expect(left.headers.get("content-security-policy")).toContain(`form-action 'self' ${provider.issuer}`);
  });

  it("refuses a form posted by another site's page", async () => {
    const b = browser(server);
    const view = await newFlow(b);
    const res = await b.send("/franceconnect/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ purpose: "signup", token: view.token }).toString(),
    });
    expect(res.status).toBe(403);
  });

  it("fills IDENTITÉ with Marc BOYET's identity, locked; the sign-up finishes and the espace keeps his sub", async () => {
    const b = browser(server);
    let view = await newFlow(b);
    const { back, answer } = await throughFranceConnect(b, view, "fc-dev-marc-boyet");
    expect(answer.status).toBe(303);
    expect(location(answer)).toBe("/inscription");
    // From BIENVENUE the flow goes on to the CGU, which FranceConnect does not answer.
    view = await get(b, view.token);
    expect(view.step).toBe("terms");
    view = await send(b, view, { type: "NEXT", values: { accepted: true } });
    expect(view.step).toBe("identity");
    const value = (name: string) => view.fields.find((f) => f.name === name)?.value;
    expect([value("civilite"), value("nomUsuel"), value("nomNaissance"), value("prenoms"), value("dateNaissance")]).toEqual([
      "Monsieur",
      "BOYET",
      "BOYET",
      "Marc",
      "01/05/1975",
    ]);
    expect([value("paysNaissance"), value("departementNaissance"), value("communeNaissance")]).toEqual(["FR", "95", "95500"]);
    expect(view.certified?.by).toBe("FranceConnect");
    expect(view.certified?.fields).toEqual(
      expect.arrayContaining(["civilite", "nomUsuel", "nomNaissance", "prenoms", "dateNaissance", "paysNaissance", "departementNaissance", "communeNaissance"]),
    );
    const values = Object.fromEntries(view.fields.filter((f) => f.kind !== "photo").map((f) => [f.name, f.value]));

    // A changed name, typed or forged, is refused by the server, in French; the flow stays as it was.
    const refused = await send(b, view, { type: "NEXT", values: { ...values, nomUsuel: "DUPONT" } });
    expect(refused.step).toBe("identity");
    expect(refused.version).toBe(view.version);
    expect(refused.errors._form).toBe(fr.identity.certifiedChanged);
    const otherDate = await send(b, view, { type: "NEXT", values: { ...values, dateNaissance: "02/05/1975" } });
    expect(otherDate.errors._form).toBe(fr.identity.certifiedChanged);

    view = await send(b, view, { type: "NEXT", values });
    expect(view.errors).toEqual({});
    expect(view.step).toBe("address");
    view = await send(b, view, { type: "NEXT", values: marcBoyet.address });
    // FranceConnect's e-mail is suggested at MOYENS DE CONTACT.
    expect(view.fields.find((f) => f.name === "courriel")?.value).toBe("marc.boyet@example.fr");
    const contacts = { ...marcBoyet.contacts, courriel: "marc.fc@example.fr" };
    view = await send(b, view, { type: "NEXT", values: contacts });
    view = await send(b, view, { type: "NEXT", values: { username: "marc.fc", password: "Pontoise1975", confirmation: "Pontoise1975" } });
    view = await send(b, view, { type: "NEXT", values: { keys: {} } });
    expect(view.step).toBe("review");
    expect(view.certified?.by).toBe("FranceConnect");
    view = await send(b, view, { type: "NEXT" });
    view = await send(b, view, { type: "NEXT", values: { challengeId: "off", text: "off" } });
    expect(view.step).toBe("done");

    // Activated with the e-mailed code, the espace opens with FranceConnect alone.
    const [mail] = await mailsTo(server, "marc.fc@example.fr");
    const activated = await server.client.account.activateWithCode.mutate({ identifiant: "marc.fc", code: codeIn(mail!.text) });
    expect(activated.status).toBe("activated");

    const again = browser(server);
    const left = await again.begin({ purpose: "login" });
    const loginBack = await signInAs(location(left), "fc-dev-marc-boyet");
    const opened = await again.callback(loginBack);
    expect(opened.status).toBe(303);
    expect(location(opened)).toBe("/mon-espace");
    const me = await again.trpc<{ displayName: string } | null>("account.me");
    expect(me?.displayName).toMatch(/BOYET/);

    // Logging out of Guichet ends FranceConnect's session too: its end-session address, with the ID token as hint.
    const out = await again.trpc<{ message: string; franceConnectLogout?: string }>("account.logout");
    const end = new URL(out.franceConnectLogout!);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get("id_token_hint")).toMatch(/^eyJ/);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(postLogoutRedirectUri);
    expect(await again.trpc("account.me")).toBeNull();

    // Nothing of the callbacks' secrets reached the request log.
    const text = requestLines.join("");
    for (const secret of [back.searchParams.get("code")!, back.searchParams.get("state")!, loginBack.searchParams.get("code")!])
      expect(text).not.toContain(secret);
    expect(text).toContain("/franceconnect/callback");
  }, 60_000);

  it("makes no second espace for a FranceConnect identity that has one: its owner is told, as for an address", async () => {
    const b = browser(server);
    let view = await newFlow(b);
    await throughFranceConnect(b, view, "fc-dev-marc-boyet");
    view = await get(b, view.token);
    view = await send(b, view, { type: "NEXT", values: { accepted: true } });
    const values = Object.fromEntries(view.fields.filter((f) => f.kind !== "photo").map((f) => [f.name, f.value]));
    for (const move of [
      { values },
      { values: marcBoyet.address },
      { values: { ...marcBoyet.contacts, courriel: "marc.again@example.fr" } },
      { values: { username: "marc.again", password: "Pontoise1975", confirmation: "Pontoise1975" } },
      { values: { keys: {} } },
      {},
      { values: { challengeId: "off", text: "off" } },
    ]) {
      view = await send(b, view, { type: "NEXT", ...move });
      expect(view.errors).toEqual({});
    }
    expect(view.step).toBe("done");
    // The espace made first (marc.fc) is told; no espace answers to the second username.
    expect((await mailsTo(server, "marc.fc@example.fr")).map((m) => m.subject)).toHaveLength(2);
    expect(await mailsTo(server, "marc.again@example.fr")).toEqual([]);
    const taken = await server.client.flow.usernameAvailable.mutate({ token: (await newFlow(b)).token, username: "marc.again" });
    expect(taken.available).toBe(true);
  }, 60_000);

  it("opens no espace for a FranceConnect identity that has none, and creates none", async () => {
    const b = browser(server);
    const left = await b.begin({ purpose: "login" });
    const answer = await b.callback(await signInAs(location(left), "fc-dev-amina-benali"));
    expect(location(answer)).toBe("/#franceconnect=unknown");
    expect(fr.franceConnect.loginFailures.unknown).toMatch(/^Aucun espace/);
    expect(await b.trpc("account.me")).toBeNull();
    expect(b.jar.hasSession()).toBe(false);
  });

  it("fills IDENTITÉ for a flow started at the kiosk and resumed on a phone", async () => {
    const kiosk = browser(server);
    let view = await newFlow(kiosk);
    view = await send(kiosk, view, { type: "START" });
    view = await send(kiosk, view, { type: "NEXT", values: { accepted: true } });
    expect(view.step).toBe("identity");
    const offer = await kiosk.trpc<{ code: string }>("resume.offer", { token: view.token });
    const phone = browser(server);
    const resumed = await phone.trpc<FlowView>("resume.redeemCode", { code: offer.code });
    const { answer } = await throughFranceConnect(phone, resumed, "fc-dev-camille-durand");
    expect(location(answer)).toBe("/inscription");
    const now = await get(phone, resumed.token);
    expect(now.step).toBe("identity");
    expect(now.fields.find((f) => f.name === "communeNaissance")?.value).toBe("74010");
    expect(now.certified?.birthplaceAsSent).toMatch(/Annecy-le-Vieux \(74011\)/);
  });

  /** The flow after a failed callback: where it was, nothing certified, nothing filled. */
  async function expectUntouched(b: ReturnType<typeof browser>, before: FlowView) {
    const after = await get(b, before.token);
    expect(after.version).toBe(before.version);
    expect(after.certified).toBeUndefined();
    expect(after.fields.find((f) => f.name === "nomUsuel")?.value).toBe("");
  }

  async function atIdentity(b: ReturnType<typeof browser>) {
    let view = await newFlow(b);
    view = await send(b, view, { type: "START" });
    return send(b, view, { type: "NEXT", values: { accepted: true } });
  }

  it("refuses a tampered state, a replayed code and a callback brought to another browser, in French, with one log line each", async () => {
    const b = browser(server);
    const view = await atIdentity(b);
    const left = await b.begin({ purpose: "signup", token: view.token });
    const back = await signInAs(location(left), "fc-dev-marc-boyet");

    const tampered = new URL(back);
    tampered.searchParams.set("state", `${back.searchParams.get("state")}x`);
    const cookies = new Map(b.jar);
    expect(location(await b.callback(tampered))).toBe("/inscription#franceconnect=state");
    expect(logged.filter((l) => l.startsWith("franceconnect: login refused (state)"))).toHaveLength(1);
    await expectUntouched(b, view);

    // Brought to a browser that did not start it (a link sent to someone): refused, and the login is not spent.
    const stranger = browser(server);
    expect(location(await stranger.callback(back))).toBe("/inscription#franceconnect=state");
    await expectUntouched(b, view);

    // The real callback, then the same one again.
    for (const [k, v] of cookies) b.jar.set(k, v);
    expect(location(await b.callback(back))).toBe("/inscription");
    for (const [k, v] of cookies) b.jar.set(k, v);
    logged.length = 0;
    expect(location(await b.callback(back))).toBe("/inscription#franceconnect=state");
    expect(logged.filter((l) => l.startsWith("franceconnect: login refused"))).toHaveLength(1);
    const text = logged.join("\n");
    expect(text).not.toContain(back.searchParams.get("code")!);
    expect(text).not.toContain(back.searchParams.get("state")!);
  });

  it("says the login was cancelled, and that a commune code is unknown, leaving IDENTITÉ open", async () => {
    const b = browser(server);
    const view = await atIdentity(b);
    let left = await b.begin({ purpose: "signup", token: view.token });
    expect(location(await b.callback(await signInAs(location(left), "fc-dev-marc-boyet", { cancel: true })))).toBe("/inscription#franceconnect=cancelled");
    await expectUntouched(b, view);
    left = await b.begin({ purpose: "signup", token: view.token });
    expect(location(await b.callback(await signInAs(location(left), "fc-dev-jean-inconnu")))).toBe("/inscription#franceconnect=commune");
    expect(logged.some((l) => /login refused \(claims\).*birthplace not found/.test(l))).toBe(true);
    await expectUntouched(b, view);
    // The typed path is still open.
    const typed = await send(b, await get(b, view.token), { type: "NEXT", values: marcBoyet.identity });
    expect(typed.step).toBe("address");
  });

  it("from BIENVENUE too, every failed return names a sentence the sign-up page says, and leaves the flow where it was", async () => {
    const said = (res: Response) => {
      const key = /^\/inscription#franceconnect=([A-Za-z]+)$/.exec(location(res))?.[1] ?? "";
      expect(Object.keys(fr.franceConnect.failures), location(res)).toContain(key);
      return key;
    };
    const b = browser(server);
    const welcome = await newFlow(b);
    expect(welcome.step).toBe("welcome");
    const kinds: string[] = [];
    // Cancelled at FranceConnect.
    let left = await b.begin({ purpose: "signup", token: welcome.token });
    kinds.push(said(await b.callback(await signInAs(location(left), "fc-dev-marc-boyet", { cancel: true }))));
    // A birth commune this service does not know.
    left = await b.begin({ purpose: "signup", token: welcome.token });
    kinds.push(said(await b.callback(await signInAs(location(left), "fc-dev-jean-inconnu"))));
    // A callback brought to another browser, then a tampered state.
    left = await b.begin({ purpose: "signup", token: welcome.token });
    const back = await signInAs(location(left), "fc-dev-marc-boyet");
    kinds.push(said(await browser(server).callback(back)));
    const tampered = new URL(back);
    tampered.searchParams.set("state", "not-the-state");
    kinds.push(said(await b.callback(tampered)));
    // A flow token that names no flow.
    kinds.push(said(await b.begin({ purpose: "signup", token: "not-a-flow-token" })));
    expect(kinds).toEqual(["cancelled", "commune", "state", "state", "flow"]);
    const after = await get(b, welcome.token);
    expect(after).toMatchObject({ step: "welcome", version: welcome.version });
    expect(after.certified).toBeUndefined();
  });

  it("refuses an unknown flow token without going to FranceConnect", async () => {
    const b = browser(server);
    const res = await b.begin({ purpose: "signup", token: "not-a-flow-token" });
    expect(location(res)).toBe("/inscription#franceconnect=flow");
  });
});

describe.each(testEngines)("FranceConnect over HTTP, against a provider that misbehaves, on %s", (engine) => {
  let server: TestServer;
  let fake: Server;
  let issuer: string;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let forge: (nonce: string) => Promise<string>;
  let silent = new Set<string>();
  let lastNonce = "";
  let userinfo: Record<string, unknown> = {};
  const kid = "k1";
  const logged: string[] = [];

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    key = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" };
    fake = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url!, issuer).pathname;
      if (silent.has(path)) return;
      const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (path === "/.well-known/openid-configuration") {
        return json({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/me`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/logout`,
          id_token_signing_alg_values_supported: ["RS256"],
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
        });
      }
      if (path === "/jwks") return json({ keys: [publicJwk] });
      if (path === "/me") return json(userinfo);
      if (path === "/token")
        return void forge(lastNonce).then((idToken) =>
          json({ access_token: "an-access-token-of-the-fake", token_type: "Bearer", expires_in: 60, id_token: idToken }),
        );
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    server = await startTestServer(fcEnv(issuer, { FRANCECONNECT_TIMEOUT_SECONDS: "2" }), { engine });
    vi.spyOn(console, "warn").mockImplementation((line: unknown) => void logged.push(String(line)));
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
    fake.closeAllConnections();
    await new Promise((resolve) => fake.close(resolve));
  });

  const token = (claims: Record<string, unknown>, signWith?: CryptoKey, audience = devClient.clientId) =>
    new SignJWT({ acr: "eidas1", ...claims })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(issuer)
      .setSubject("someone")
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(signWith ?? key);

  /** A flow at IDENTITÉ, its button pressed, and the callback a browser would bring back with a made-up code. */
  async function leave() {
    const b = browser(server);
    let view = await b.trpc<FlowView>("flow.start");
    view = await b.trpc<FlowView>("flow.send", { token: view.token, version: view.version, move: { type: "START" } });
    view = await b.trpc<FlowView>("flow.send", { token: view.token, version: view.version, move: { type: "NEXT", values: { accepted: true } } });
    const left = await b.begin({ purpose: "signup", token: view.token });
    const url = new URL(location(left));
    lastNonce = url.searchParams.get("nonce")!;
    const back = new URL(redirectUri);
    back.searchParams.set("code", "a-made-up-code-0123456789");
    back.searchParams.set("state", url.searchParams.get("state")!);
    return { b, view, back };
  }

  it.each([
    ["a wrong signature", (nonce: string) => token({ nonce }, otherKey)],
    ["a wrong audience", (nonce: string) => token({ nonce }, undefined, "someone-else")],
    ["a wrong nonce", () => token({ nonce: "not-the-nonce" })],
    [
      "an expiry passed",
      (nonce: string) =>
        new SignJWT({ acr: "eidas1", nonce })
          .setProtectedHeader({ alg: "RS256", kid })
          .setIssuer(issuer)
          .setSubject("someone")
          .setAudience(devClient.clientId)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
          .sign(key),
    ],
  ])("refuses an ID token with %s: a French sentence on IDENTITÉ, nothing stored, one log line", async (_, forged) => {
    forge = forged;
    logged.length = 0;
    const { b, view, back } = await leave();
    expect(location(await b.callback(back))).toBe("/inscription#franceconnect=token");
    expect(fr.franceConnect.failures.token).toMatch(/^L’identité transmise par FranceConnect/);
    const after = await b.trpc<FlowView>("flow.get", { token: view.token });
    expect(after.version).toBe(view.version);
    expect(after.certified).toBeUndefined();
    const lines = logged.filter((l) => l.startsWith("franceconnect:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/login refused \(token\)/);
    expect(lines[0]).not.toContain("a-made-up-code-0123456789");
    expect(lines[0]).not.toContain("an-access-token-of-the-fake");
    expect(lines[0]).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("refuses an identity with claims missing, checked ID token and all: a French sentence, nothing stored", async () => {
    forge = (nonce) => token({ nonce });
    userinfo = { sub: "someone", given_name: "Marc", family_name: "BOYET" };
    logged.length = 0;
    const { b, view, back } = await leave();
    expect(location(await b.callback(back)), logged.join("\n")).toBe("/inscription#franceconnect=claims");
    expect(fr.franceConnect.failures.claims).toMatch(/incomplète/);
    expect((await b.trpc<FlowView>("flow.get", { token: view.token })).certified).toBeUndefined();
    expect(logged.filter((l) => l.startsWith("franceconnect:"))).toEqual([
      expect.stringMatching(/login refused \(claims\).*claims missing: birthdate, gender, birthcountry/),
    ]);
  });

  it("says FranceConnect does not answer when its token endpoint stays silent past the bound", async () => {
    const { b, view, back } = await leave();
    silent = new Set(["/token"]);
    try {
      const started = Date.now();
      expect(location(await b.callback(back))).toBe("/inscription#franceconnect=unavailable");
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      silent = new Set();
    }
    expect((await b.trpc<FlowView>("flow.get", { token: view.token })).version).toBe(view.version);
  }, 20_000);
});

describe.each(testEngines)("FranceConnect over HTTP, provider down, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    const limits = {
      ...defaultAbuseLimits,
      franceConnect: { ...defaultAbuseLimits.franceConnect, callbacksPerAddress: { max: 2, windowMs: 60_000 } },
    };
    server = await startTestServer(fcEnv("http://127.0.0.1:9"), { engine, limits });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  }, 60_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it("stays on the page with a French sentence, and keeps no login under way", async () => {
    const b = browser(server);
    const view = await b.trpc<FlowView>("flow.start");
    expect(location(await b.begin({ purpose: "signup", token: view.token }))).toBe("/inscription#franceconnect=unavailable");
    expect(location(await b.begin({ purpose: "login" }))).toBe("/#franceconnect=failed");
    const flowId = await server.guichet.services.flows.idOf(view.token);
    expect(await franceConnectLoginRepository(server.guichet.db).countForFlow(flowId!)).toBe(0);
  });

  it("counts the callbacks per client address", async () => {
    const b = browser(server);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(location(await b.callback(new URL("http://x/franceconnect/callback?code=c&state=s"))));
    expect(answers).toEqual(["/inscription#franceconnect=state", "/inscription#franceconnect=state", "/inscription#franceconnect=tooMany"]);
  });
});

describe("FranceConnect off", () => {
  it("offers no button and has no routes", async () => {
    const server = await startTestServer();
    try {
      expect((await server.client.tenant.info.query()).franceConnect).toBe(false);
      const res = await fetch(`${server.url}/franceconnect/callback?code=x&state=y`, { redirect: "manual", headers: { accept: "application/json" } });
      expect(res.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
