import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { franceConnectLoginRepository, type Database } from "@guichet/db";
import { signInAs, startFranceConnectDev, type DevProvider } from "@guichet/franceconnect-dev";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { communeByHistoricalCode } from "@guichet/refdata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, testEngines } from "../../db/test/engines";
import { createFranceConnect, defaultFranceConnectScopes, FranceConnectError, type FranceConnect, type FranceConnectSettings } from "../src/franceConnect";

const redirectUri = "http://127.0.0.1:9/franceconnect/callback";
const client = { clientId: "guichet-test", clientSecret: "a-secret-of-the-test-client", redirectUris: [redirectUri] };
const signedClient = {
  clientId: "guichet-signed",
  clientSecret: "a-secret-of-the-signed-client",
  redirectUris: [redirectUri],
  userinfoSignedResponseAlg: "RS256" as const,
};

const settingsFor = (issuer: string, change: Partial<FranceConnectSettings> = {}): FranceConnectSettings => ({
  issuer,
  clientId: client.clientId,
  clientSecret: client.clientSecret,
  redirectUri,
  scopes: defaultFranceConnectScopes,
  timeoutSeconds: 5,
  ...change,
});

/** The failure a call ends with, checked to be a FranceConnectError with a French sentence. */
async function failureOf(work: Promise<unknown>): Promise<FranceConnectError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FranceConnectError);
  const failure = error as FranceConnectError;
  expect(failure.message).toMatch(/FranceConnect.*(ci-dessous|minutes)\.$/);
  return failure;
}

let provider: DevProvider;
beforeAll(async () => {
  // The reference data (tens of MB of JSON) loads once per process, as the server does at start.
  communeByHistoricalCode("74011");
  provider = await startFranceConnectDev({ clients: [client, signedClient] });
}, 60_000);
afterAll(() => provider.close());

describe.each(testEngines)("FranceConnect against the local provider, on %s", (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  const lines: string[] = [];
  let fc: FranceConnect;
  let clock = new Date();
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    fc = createFranceConnect({ settings: settingsFor(provider.issuer), db, now: () => clock, log: (line) => lines.push(line) });
  });
  afterAll(async () => drop());

  /** No line of the operator's log holds a code, a state or a token of the given callback. */
  function expectNoSecretsLogged(callback: URL) {
    const text = lines.join("\n");
    for (const name of ["code", "state"]) {
      const value = callback.searchParams.get(name);
      if (value) expect(text).not.toContain(value);
    }
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  }

  it("asks FranceConnect for the code with PKCE, state, nonce and eidas1, bound to the flow", async () => {
    const flowId = randomUUID();
    const url = await fc.beginLogin(flowId);
    expect(url.origin).toBe(provider.issuer);
    const p = url.searchParams;
    expect(p.get("acr_values")).toBe("eidas1");
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("scope")).toBe(defaultFranceConnectScopes);
    expect(p.get("redirect_uri")).toBe(redirectUri);
    expect(p.get("state")!.length).toBeGreaterThanOrEqual(32);
    expect(p.get("nonce")!.length).toBeGreaterThanOrEqual(32);
    expect(await franceConnectLoginRepository(db).countForFlow(flowId)).toBe(1);
    await expect(fc.beginLogin("x".repeat(37))).rejects.toThrow(TypeError);
  });

  it("gives Marc BOYET's identity for IDENTITÉ, to the flow that started the login", async () => {
    const flowId = randomUUID();
    const back = await signInAs(await fc.beginLogin(flowId), "fc-dev-marc-boyet");
    const login = await fc.completeLogin(back);
    expect(login.flowId).toBe(flowId);
    expect(login.sub).toBe("fc-dev-marc-boyet");
    expect(login.identity.values).toEqual({
      civilite: "Monsieur",
      nomUsuel: "BOYET",
      nomNaissance: "BOYET",
      prenoms: "Marc",
      dateNaissance: "01/05/1975",
      paysNaissance: "FR",
      departementNaissance: "95",
      communeNaissance: "95500",
    });
    expect(login.idToken).toMatch(/^eyJ/);
    expect(await franceConnectLoginRepository(db).countForFlow(flowId)).toBe(0);
    const logout = await fc.logoutUrl(login.idToken, "s");
    expect(logout.pathname).toMatch(/session\/end/);
  });

  it("maps the citizen born abroad and the one born in a commune merged since", async () => {
    const abroad = await fc.completeLogin(await signInAs(await fc.beginLogin(randomUUID()), "fc-dev-amina-benali"));
    expect(abroad.identity.values).toMatchObject({ civilite: "Madame", nomUsuel: "MARTIN", nomNaissance: "BENALI", paysNaissance: "MA" });
    expect(abroad.identity.values.communeNaissance).toBeUndefined();
    const merged = await fc.completeLogin(await signInAs(await fc.beginLogin(randomUUID()), "fc-dev-camille-durand"));
    expect(merged.identity.values).toMatchObject({ departementNaissance: "74", communeNaissance: "74010" });
    expect(merged.identity.birthplaceAsSent).toEqual({ inseeCode: "74011", nom: "Annecy-le-Vieux" });
  });

  it("reads a userinfo served signed (application/jwt), as FranceConnect v2 can", async () => {
    const signed = createFranceConnect({
      settings: settingsFor(provider.issuer, { clientId: signedClient.clientId, clientSecret: signedClient.clientSecret, userinfoSigningAlg: "RS256" }),
      db,
      log: (line) => lines.push(line),
    });
    const login = await signed.completeLogin(await signInAs(await signed.beginLogin(randomUUID()), "fc-dev-marc-boyet"));
    expect(login.identity.values).toMatchObject({ nomUsuel: "BOYET", communeNaissance: "95500" });
  });

  it("refuses a callback whose state was tampered with, and logs it without the code", async () => {
    const flowId = randomUUID();
    const back = await signInAs(await fc.beginLogin(flowId), "fc-dev-marc-boyet");
    const forged = new URL(back);
    forged.searchParams.set("state", `${back.searchParams.get("state")}x`);
    const error = await failureOf(fc.completeLogin(forged));
    expect(error.failure).toBe("state");
    expect(lines.at(-1)).toMatch(/^franceconnect: login refused \(state\)/);
    expectNoSecretsLogged(back);
    // The real login is still waiting for its own callback, which still works once.
    expect((await fc.completeLogin(back)).flowId).toBe(flowId);
  });

  it("refuses a replayed callback, and a code redeemed once already under another login", async () => {
    const back = await signInAs(await fc.beginLogin(randomUUID()), "fc-dev-marc-boyet");
    await fc.completeLogin(back);
    expect((await failureOf(fc.completeLogin(back))).failure).toBe("state");

    const otherFlow = randomUUID();
    const other = await signInAs(await fc.beginLogin(otherFlow), "fc-dev-marc-boyet");
    const replayed = new URL(other);
    replayed.searchParams.set("code", back.searchParams.get("code")!);
    const error = await failureOf(fc.completeLogin(replayed));
    expect(error.failure).toBe("code");
    expect(error.detail).toMatch(/invalid_grant/);
    expect(await franceConnectLoginRepository(db).countForFlow(otherFlow)).toBe(0);
    expectNoSecretsLogged(back);
    expectNoSecretsLogged(other);
  });

  it("refuses a login that waited more than ten minutes", async () => {
    const url = await fc.beginLogin(randomUUID());
    const back = await signInAs(url, "fc-dev-marc-boyet");
    const started = clock;
    clock = new Date(started.getTime() + 10 * 60_000 + 1);
    try {
      expect((await failureOf(fc.completeLogin(back))).failure).toBe("expired");
    } finally {
      clock = started;
    }
  });

  it("says the login was cancelled when the citizen cancels at FranceConnect", async () => {
    const back = await signInAs(await fc.beginLogin(randomUUID()), "", { cancel: true });
    const error = await failureOf(fc.completeLogin(back));
    expect(error.failure).toBe("cancelled");
    expect(error.message).toBe("La connexion avec FranceConnect a été annulée. Vous pouvez recommencer, ou saisir votre identité ci-dessous.");
  });

  it("refuses an identity whose commune code is unknown, in French", async () => {
    const back = await signInAs(await fc.beginLogin(randomUUID()), "fc-dev-jean-inconnu");
    const error = await failureOf(fc.completeLogin(back));
    expect(error.failure).toBe("claims");
    expect(error.message).toBe(
      "La commune de naissance transmise par FranceConnect (code INSEE 00000) est inconnue de ce service. Saisissez votre identité ci-dessous.",
    );
    expect(lines.at(-1)).toContain("birthplace not found: 00000");
  });

  it("refuses an identity with claims missing (scopes granted short)", async () => {
    const short = createFranceConnect({
      settings: settingsFor(provider.issuer, { scopes: "openid given_name family_name" }),
      db,
      log: (line) => lines.push(line),
    });
    const back = await signInAs(await short.beginLogin(randomUUID()), "fc-dev-marc-boyet");
    const error = await failureOf(short.completeLogin(back));
    expect(error.failure).toBe("claims");
    expect(error.detail).toBe("claims missing: birthdate, gender, birthcountry");
    expectNoSecretsLogged(back);
  });

  it("says FranceConnect does not answer when the provider is down, without storing anything", async () => {
    const down = createFranceConnect({ settings: settingsFor("http://127.0.0.1:9"), db, log: (line) => lines.push(line) });
    const flowId = randomUUID();
    const error = await failureOf(down.beginLogin(flowId));
    expect(error.failure).toBe("unavailable");
    expect(await franceConnectLoginRepository(db).countForFlow(flowId)).toBe(0);
    expect(lines.at(-1)).toMatch(/^franceconnect: login refused \(unavailable\)/);
  });
});

/**
 * A tiny provider that answers discovery and JWKS honestly and the token endpoint with an ID token
 * forged as each test asks: what oidc-provider cannot be made to send.
 */
describe.each(testEngines)("FranceConnect against a provider that misbehaves, on %s", (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  let server: Server;
  let issuer: string;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let forge: (nonce: string) => Promise<string>;
  let slowPaths = new Set<string>();
  const lines: string[] = [];
  let fc: FranceConnect;
  const kid = "k1";
  let lastNonce = "";

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
    const pair = await generateKeyPair("RS256", { extractable: true });
    key = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256", use: "sig" };
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url!, issuer).pathname;
      if (slowPaths.has(path)) return; // never answers
      const json = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (path === "/.well-known/openid-configuration") {
        return json({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/me`,
          jwks_uri: `${issuer}/jwks`,
          id_token_signing_alg_values_supported: ["RS256"],
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
        });
      }
      if (path === "/jwks") return json({ keys: [publicJwk] });
      if (path === "/token") {
        void forge(lastNonce).then((idToken) => json({ access_token: "an-access-token-of-the-fake", token_type: "Bearer", expires_in: 60, id_token: idToken }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fc = createFranceConnect({ settings: settingsFor(issuer), db, log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await drop();
  });

  const token = (claims: Record<string, unknown>, signWith?: CryptoKey, audience = client.clientId) =>
    new SignJWT({ acr: "eidas1", ...claims })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(issuer)
      .setSubject("someone")
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(signWith ?? key);

  /** Starts a login and hands back the callback a browser would bring, with a made-up code. */
  async function callback(): Promise<URL> {
    const url = await fc.beginLogin(randomUUID());
    lastNonce = url.searchParams.get("nonce")!;
    const back = new URL(redirectUri);
    back.searchParams.set("code", "a-made-up-code-0123456789");
    back.searchParams.set("state", url.searchParams.get("state")!);
    return back;
  }

  it.each([
    ["a wrong signature", (nonce: string) => token({ nonce }, otherKey), /signature/i],
    ["a wrong audience", (nonce: string) => token({ nonce }, undefined, "someone-else"), /aud/],
    ["a wrong nonce", () => token({ nonce: "not-the-nonce" }), /nonce/],
    [
      "an expiry passed",
      async (nonce: string) =>
        new SignJWT({ acr: "eidas1", nonce })
          .setProtectedHeader({ alg: "RS256", kid })
          .setIssuer(issuer)
          .setSubject("someone")
          .setAudience(client.clientId)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
          .sign(key),
      /exp/,
    ],
    [
      "a wrong issuer",
      (nonce: string) =>
        new SignJWT({ acr: "eidas1", nonce })
          .setProtectedHeader({ alg: "RS256", kid })
          .setIssuer("https://elsewhere.example")
          .setSubject("someone")
          .setAudience(client.clientId)
          .setIssuedAt()
          .setExpirationTime("5m")
          .sign(key),
      /iss/,
    ],
    ["an eIDAS level below eidas1", (nonce: string) => token({ nonce, acr: "eidas0" }), /acr/],
  ])("refuses an ID token with %s", async (_, forged, detail) => {
    forge = forged;
    const back = await callback();
    const error = await failureOf(fc.completeLogin(back));
    expect(error.failure).toBe("token");
    expect(error.detail).toMatch(detail);
    expect(error.message).toBe("L’identité transmise par FranceConnect n’a pas pu être vérifiée. Recommencez, ou saisissez votre identité ci-dessous.");
    expect(lines.join("\n")).not.toContain("a-made-up-code-0123456789");
    expect(lines.join("\n")).not.toContain("an-access-token-of-the-fake");
    expect(lines.join("\n")).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("gives up on a provider that does not answer the token request within 5 s", async () => {
    const back = await callback();
    slowPaths = new Set(["/token"]);
    const started = Date.now();
    try {
      const error = await failureOf(fc.completeLogin(back));
      expect(error.failure).toBe("unavailable");
      expect(error.message).toBe("FranceConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou saisissez votre identité ci-dessous.");
    } finally {
      slowPaths = new Set();
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(8_000);
  }, 15_000);

  it("gives up on a provider whose discovery does not answer within the bound", async () => {
    const slow = createFranceConnect({
      settings: settingsFor(issuer.replace("127.0.0.1", "localhost"), { timeoutSeconds: 1 }),
      db,
      log: (line) => lines.push(line),
    });
    slowPaths = new Set(["/.well-known/openid-configuration"]);
    const flowId = randomUUID();
    try {
      expect((await failureOf(slow.beginLogin(flowId))).failure).toBe("unavailable");
    } finally {
      slowPaths = new Set();
    }
    expect(await franceConnectLoginRepository(db).countForFlow(flowId)).toBe(0);
  });
});
