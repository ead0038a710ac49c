import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { fr } from "@guichet/schema";
import { createHttpServer } from "../src/httpServer";
import { readSettings, readTrustProxy, SettingsError } from "../src/settings";
import { browser, citizen, codeIn, mailsTo, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, walkTo, type TestServer } from "./testServer";

/*
 * Issue 11, items 1 to 5, over real HTTP: the headers of every kind of answer, secrets out of URLs, mutations
 * a page of another site cannot reach, the client's address behind proxies, and the developer pages.
 */

const PAGES = ["/", "/borne/", "/trpc/tenant.info", "/dev/mail", "/dev/flows", "/favicon.svg", "/healthz"];

/** The CSP as a map of directive → sources. */
const csp = (res: Response) =>
  new Map(
    (res.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );

/** A POST as a page of another site can send it without asking first: a form's body. */
const formPost = (url: string, kind: "multipart" | "text" | "urlencoded", headers: Record<string, string> = {}) => {
  if (kind === "text") return fetch(url, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: "{}" });
  if (kind === "urlencoded") return fetch(url, { method: "POST", headers, body: new URLSearchParams({ x: "1" }) });
  const form = new FormData();
  form.set("x", "1");
  return fetch(url, { method: "POST", headers, body: form });
};

describe.each(testEngines)("hardened by default, on %s", (engine) => {
  describe.each(["development", "production"] as const)("in %s", (mode) => {
    let server: TestServer;
    beforeAll(async () => {
      // Production's headers over loopback's plain HTTP, without an SMTP server: insecure on purpose, and said so.
      server = await startTestServer(
        mode === "production" ? { NODE_ENV: "production", GUICHET_CAPTCHA: "on", GUICHET_POW_SECRET: "x".repeat(32), GUICHET_ALLOW_INSECURE: "1" } : {},
        {
          engine,
          // The headers are under test here; the proof of work (on in production) has its own suite.
          proofOfWorkOff: true,
        },
      );
    });
    afterAll(() => server.close());

    it("sends a strict CSP, no framing, no sniffing and no referrer on every kind of answer, and no HSTS over plain HTTP", async () => {
      for (const path of PAGES) {
        const res = await fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
        const policy = csp(res);
        // A developer page's own inline script is let in by a nonce of that answer; never 'unsafe-inline'.
        expect(
          policy.get("script-src")?.filter((s) => !/^'nonce-[0-9a-f]{32}'$/.test(s)),
          path,
        ).toEqual(["'self'"]);
        expect(policy.get("default-src"), path).toEqual(["'self'"]);
        expect(policy.get("object-src"), path).toEqual(["'none'"]);
        expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
        if (!path.startsWith("/dev/")) {
          expect(policy.get("style-src"), path).toEqual(["'self'"]);
          expect(policy.get("img-src"), path).toEqual(["'self'", "data:", "blob:"]);
        }
        expect(res.headers.get("x-frame-options"), path).toBe("DENY");
        expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
        expect(res.headers.get("strict-transport-security"), path).toBeNull();
        await res.arrayBuffer();
      }
    });

    it("marks every API answer no-store, personal data included", async () => {
      const view = await walkTo(server.client, "identity");
      const post = (path: string, input: unknown) =>
        fetch(`${server.url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
      const answers = [
        await post("flow.get", { token: view.token }),
        await post("flow.send", { token: view.token, version: view.version, move: { type: "BACK" } }),
        await fetch(`${server.url}/trpc/account.me`),
        await fetch(`${server.url}/trpc/tenant.info`),
        await fetch(`${server.url}/api/photo/nope`, { headers: { "x-guichet-flow": view.token } }),
      ];
      for (const res of answers) {
        expect(res.headers.get("cache-control"), res.url).toMatch(/no-store/);
        await res.arrayBuffer();
      }
      expect(answers[0]!.status).toBe(200);
      expect(answers[1]!.status).toBe(200);
    });

    it("serves an SVG favicon in the tenant's colour", async () => {
      const res = await fetch(`${server.url}/favicon.svg`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toContain(`fill="${server.guichet.services.tenant.primaryColor}"`);
    });
  });

  describe("behind an HTTPS public address", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ PUBLIC_URL: "https://guichet.example" }, { engine });
    });
    afterAll(() => server.close());

    it("asks browsers to come back over HTTPS only, for a year", async () => {
      for (const path of ["/", "/trpc/tenant.info"]) {
        const res = await fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
        expect(res.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
        expect(csp(res).has("upgrade-insecure-requests")).toBe(true);
        await res.arrayBuffer();
      }
    });
  });

  describe("secrets, forms and addresses", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({}, { engine });
    });
    afterAll(() => server.close());

    it("takes no flow token or reset secret in a URL: the calls that carry one are POST only", async () => {
      const view = await walkTo(server.client, "credentials");
      const asQuery = (path: string, input: unknown) => fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
      for (const [path, input] of [
        ["flow.get", { token: view.token }],
        ["flow.usernameAvailable", { token: view.token, username: "marc.boyet" }],
        ["account.resetLink", { jeton: "x".repeat(43) }],
        ["account.confirmEmail", { jeton: "x".repeat(43) }],
      ] as const) {
        const res = await asQuery(path, input);
        expect(res.status, path).toBe(405);
        await res.arrayBuffer();
      }
      expect(await server.client.flow.get.mutate({ token: view.token })).toMatchObject({ step: "credentials" });
      expect(await server.client.flow.usernameAvailable.mutate({ token: view.token, username: "personne.encore" })).toEqual({ available: true });
    });

    it("refuses a form's multipart or text body on every mutation, those without input included, and the session stays", async () => {
      const who = citizen("formulaire");
      await signUp(server, who);
      const code = codeIn((await mailsTo(server, who.contacts.courriel))[0]!.text);
      await server.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code });
      const victim = browser(server);
      expect(await victim.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
      const cookie = [...victim.jar].map(([k, v]) => `${k}=${v}`).join("; ");
      const flowsBefore = (await server.guichet.db.execute("select count(*) as n from flow"))[0];

      for (const path of ["/trpc/account.logout", "/trpc/flow.start", "/trpc/ping", "/%74rpc/account.logout"]) {
        for (const kind of ["multipart", "text", "urlencoded"] as const) {
          const res = await formPost(`${server.url}${path}`, kind, { cookie });
          expect(res.status, `${path} ${kind}`).toBe(415);
          expect(await res.json()).toEqual({ error: { message: fr.errors.jsonOnly, code: 415 } });
        }
      }
      expect(await victim.client.account.me.query()).toMatchObject({ username: who.credentials.username });
      expect((await server.guichet.db.execute("select count(*) as n from flow"))[0]).toEqual(flowsBefore);
      // The pages' own calls (JSON) still pass.
      expect(await victim.client.ping.mutate()).toBe("pong");
    });

    it("stores no photo sent by a form: the upload needs the flow's token in a header no form can set", async () => {
      const res = await formPost(`${server.url}/api/photo`, "multipart");
      expect(res.status).toBe(404);
      await res.arrayBuffer();
      expect(Number((await server.guichet.db.execute<{ n: number | string }>("select count(*) as n from photo"))[0]!.n)).toBe(0);
    });

    it("TRUST_PROXY=1 counts the address its proxy saw, the right-most one, not the name a client writes to the left", async () => {
      const login = (left: string) =>
        fetch(`${server.url}/trpc/account.login`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `${left}, 192.0.2.77` },
          body: JSON.stringify({ username: `personne.${left}`, password: "Azerty123" }),
        }).then(async (res) => ((await res.json()) as { error?: { data?: { code?: string } } }).error?.data?.code);
      // The address may fail 50 logins an hour (accountThrottle.test.ts): a new name on the left each time changes nothing.
      for (let i = 0; i < 50; i++) expect(await login(`spoofed${i}`)).toBe("UNAUTHORIZED");
      expect(await login("spoofed-again")).toBe("TOO_MANY_REQUESTS");
      // Another address behind the same proxy is not affected.
      const elsewhere = browser(server, { ip: "198.51.100.5" });
      expect((await refusal(elsewhere.client.account.login.mutate({ username: "personne", password: "Azerty123" }))).code).toBe("UNAUTHORIZED");
    });

    it("answers the developer pages to this machine only: never to a request a proxy forwarded, never to another address", async () => {
      expect((await fetch(`${server.url}/dev/mail`)).status).toBe(200);
      for (const path of ["/dev/mail", "/dev/flows", "/dev/flows/live", "/dev/mail/x", "/%64ev/mail"]) {
        const res = await fetch(`${server.url}${path}`, { headers: { "x-forwarded-for": "192.0.2.77" } });
        expect(res.status, path).toBe(404);
        expect(await res.text(), path).not.toMatch(/Courriels|Parcours/);
      }
      // A peer on the network, as the socket sees it (fastify's injection sets the socket's address).
      const app = await createHttpServer(server.guichet);
      try {
        for (const remoteAddress of ["192.0.2.77", "10.0.0.8", "::ffff:192.168.1.20", "fe80::1"]) {
          const res = await app.inject({ url: "/dev/mail", remoteAddress });
          expect(res.statusCode, remoteAddress).toBe(404);
        }
        expect((await app.inject({ url: "/dev/mail", remoteAddress: "127.0.0.1" })).statusCode).toBe(200);
        expect((await app.inject({ url: "/dev/mail", remoteAddress: "::1" })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  describe("with the XState inspector (GUICHET_INSPECT=1)", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ GUICHET_INSPECT: "1" }, { engine });
    });
    afterAll(() => server.close());

    it("gives its page and its WebSocket to this machine only, the page under a policy that frames Stately's UI alone", async () => {
      const page = await fetch(`${server.url}/dev/inspect`);
      expect(page.status).toBe(200);
      const policy = csp(page);
      expect(policy.get("frame-src")).toEqual(["https://stately.ai"]);
      const [nonce] = policy.get("script-src")!.filter((s) => s.startsWith("'nonce-"));
      expect(await page.text()).toContain(`<script nonce="${nonce!.slice(7, -1)}">`);
      expect((await fetch(`${server.url}/dev/inspect`, { headers: { "x-forwarded-for": "192.0.2.77" } })).status).toBe(404);

      const open = (headers: Record<string, string>) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`${server.url.replace("http", "ws")}/dev/inspect/ws`, { headers });
          socket.once("open", () => (socket.close(), resolve("open")));
          socket.once("error", () => resolve("refused"));
        });
      expect(await open({})).toBe("open");
      expect(await open({ "x-forwarded-for": "192.0.2.77" })).toBe("refused");
    });
  });

  describe("GUICHET_DEV_PAGES=open", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ GUICHET_DEV_PAGES: "open" }, { engine });
    });
    afterAll(() => server.close());

    it("opens the developer pages to the network, on purpose", async () => {
      const app = await createHttpServer(server.guichet);
      try {
        expect((await app.inject({ url: "/dev/mail", remoteAddress: "192.0.2.77" })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });
  });
});

describe("TRUST_PROXY", () => {
  it("takes a hop count or the proxies' addresses and CIDRs, and refuses `true`", () => {
    expect(readTrustProxy(undefined)).toBe(false);
    expect(readTrustProxy("0")).toBe(false);
    expect(readTrustProxy("1")).toBe(1);
    expect(readTrustProxy("2")).toBe(2);
    expect(readTrustProxy("127.0.0.1, 10.0.0.0/8,::1,fd00::/8, loopback")).toEqual(["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", "loopback"]);
    for (const wrong of ["true", "proxy.example", "10.0.0.0/33", "1.2.3"]) expect(() => readTrustProxy(wrong), wrong).toThrow(SettingsError);
  });

  it("with the proxies' addresses, believes them and nobody else", async () => {
    const server = await startTestServer({ TRUST_PROXY: "127.0.0.1, 192.0.2.0/24" });
    const lines: string[] = [];
    const { Writable } = await import("node:stream");
    const app = await createHttpServer(server.guichet, { logStream: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }) });
    try {
      await app.listen({ port: 0, host: "127.0.0.1" });
      const { port } = app.server.address() as { port: number };
      // Client → 192.0.2.77 (a trusted proxy) → this server: the client is the first address no proxy of ours wrote.
      await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.1, 192.0.2.77" } });
      expect(lines.join("")).toContain('"remoteAddress":"198.51.100.1"');
    } finally {
      await app.close();
      await server.close();
    }
  });

  it("keeps the settings of a test server valid: one hop", () => {
    expect(readSettings({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
  });
});
