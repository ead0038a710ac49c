import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages as m } from "@guichet/api";
import { browser, citizen, codeIn, mailsTo, movableClock, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

const MINUTE = 60_000;

describe.each(testEngines)("throttling, on %s", (engine) => {
  let server: TestServer;
  const clock = movableClock();
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_WORKER: "off" }, { engine, now: clock.now });
  });
  afterAll(() => server.close());

  async function activeCitizen(n: string) {
    const who = citizen(n);
    await signUp(server, who);
    const mail = (await mailsTo(server, who.contacts.courriel))[0]!;
    const code = codeIn(mail.text);
    await server.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code });
    return who;
  }

  it("lets 5 wrong passwords through from one address, then makes that address wait 1 minute for the account, then twice as long after each new failure", async () => {
    const who = await activeCitizen("lent");
    const b = browser(server, { ip: "192.0.2.10" });
    const attempt = (password: string) => b.client.account.login.mutate({ username: who.credentials.username, password });
    for (let i = 0; i < 5; i++) expect((await refusal(attempt("Mauvais123"))).code).toBe("UNAUTHORIZED");

    // Locked: even the right password waits, and the sentence says how long.
    expect(await refusal(attempt(who.credentials.password))).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(60) });
    expect(m.tooMany(60)).toBe("Trop de tentatives. Par sécurité, veuillez réessayer dans 1 minute.");

    clock.advance(MINUTE + 1000);
    expect((await refusal(attempt("Mauvais123"))).code).toBe("UNAUTHORIZED");
    expect(await refusal(attempt(who.credentials.password))).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(120) });
    clock.advance(MINUTE);
    expect((await refusal(attempt(who.credentials.password))).code).toBe("TOO_MANY_REQUESTS");
    clock.advance(MINUTE + 1000);
    expect(await attempt(who.credentials.password)).toMatchObject({ ok: true });

    // A success forgets the failures: 5 free ones again.
    for (let i = 0; i < 5; i++) expect((await refusal(attempt("Mauvais123"))).code).toBe("UNAUTHORIZED");
    expect((await refusal(attempt("Mauvais123"))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("never locks the owner out: a stranger's wrong passwords from one address slow the stranger, the owner's right password from another address opens", async () => {
    const who = await activeCitizen("assiege");
    const stranger = browser(server, { ip: "203.0.113.40" });
    const guess = (password: string) => stranger.client.account.login.mutate({ username: who.credentials.username, password });
    for (let i = 0; i < 5; i++) expect((await refusal(guess(`Devine${i}abc`))).code).toBe("UNAUTHORIZED");
    expect(await refusal(guess("Devine5abc"))).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(60) });

    // The owner, from home, with the right password: in.
    const owner = browser(server, { ip: "192.0.2.41" });
    expect(await owner.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
    expect(owner.jar.hasSession()).toBe(true);

    // The owner's success forgets nothing of the stranger's failures: still slowed, and twice as long after the next one.
    expect((await refusal(guess(who.credentials.password))).code).toBe("TOO_MANY_REQUESTS");
    clock.advance(MINUTE + 1000);
    expect((await refusal(guess("Devine6abc"))).code).toBe("UNAUTHORIZED");
    expect(await refusal(guess("Devine7abc"))).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(120) });
    clock.advance(2 * MINUTE + 1000);
  });

  it("bounds a guess from many addresses: 100 failures a day on one account, then only the addresses it logged in from lately get through", async () => {
    const who = await activeCitizen("disperse");
    const login = (ip: string, password: string) => browser(server, { ip }).client.account.login.mutate({ username: who.credentials.username, password });
    // The owner logged in from home once.
    expect(await login("192.0.2.51", who.credentials.password)).toMatchObject({ ok: true });
    // 100 addresses, one wrong password each: none of them is slowed by its own count.
    for (let i = 0; i < 100; i++) expect((await refusal(login(`198.18.${Math.floor(i / 200)}.${(i % 200) + 1}`, `Essai${i}xyz`))).code).toBe("UNAUTHORIZED");
    // The 101st address waits, even with the right password; the owner at home does not.
    const refused = await refusal(login("198.18.9.9", who.credentials.password));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    // The rest of the day, said in hours.
    expect(refused.message).toMatch(/^Trop de tentatives\. Par sécurité, veuillez réessayer dans (2[0-4])\u00a0heures\.$/);
    expect(await login("192.0.2.51", who.credentials.password)).toMatchObject({ ok: true });
    // The day over, any address again.
    clock.advance(24 * 60 * MINUTE + 1000);
    expect(await login("198.18.9.9", who.credentials.password)).toMatchObject({ ok: true });
    // 103 argon2 verifications: a few seconds alone, much more on a loaded machine.
  }, 180_000);

  it("slows down an address that tries many accounts: 50 failures in an hour, then it waits an hour", async () => {
    const who = await activeCitizen("voisin");
    const attacker = browser(server, { ip: "203.0.113.66" });
    for (let i = 0; i < 50; i++) {
      const r = await refusal(attacker.client.account.login.mutate({ username: `victime${i}`, password: "Azerty123" }));
      expect(r.code).toBe("UNAUTHORIZED");
    }
    const blocked = await refusal(attacker.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }));
    expect(blocked).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(3600) });
    // The citizen, from home, is not affected.
    const home = browser(server, { ip: "192.0.2.99" });
    expect(await home.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
    clock.advance(61 * MINUTE);
    expect(await attacker.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
  });

  it("counts an IPv6 network as one address: a new address of the same /64 at each try is refused as one, another network is not", async () => {
    const who = await activeCitizen("reseau");
    // Each try from another address of 2001:db8:66:1::/64, and another browser (no device cookie kept).
    const from = (i: number) => browser(server, { ip: `2001:db8:66:1:${(i + 1).toString(16)}:0:0:${i.toString(16)}` });
    for (let i = 0; i < 50; i++) {
      const r = await refusal(from(i).client.account.login.mutate({ username: `cible${i}`, password: "Azerty123" }));
      expect(r.code).toBe("UNAUTHORIZED");
    }
    const blocked = await refusal(from(50).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }));
    expect(blocked).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(3600) });
    // The next /64, and the citizen's own IPv4 address, are not affected.
    const neighbour = browser(server, { ip: "2001:db8:66:2::1" });
    expect(await neighbour.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
    clock.advance(61 * MINUTE);
  });

  it("allows 5 activation-code guesses an hour per account from one address, then refuses that address until the hour is over, never the owner's", async () => {
    const who = citizen("devine");
    await signUp(server, who);
    const code = codeIn((await mailsTo(server, who.contacts.courriel))[0]!.text);
    const guesser = browser(server, { ip: "192.0.2.20" });
    const guess = (c: string, identifiant = who.credentials.username) => guesser.client.account.activateWithCode.mutate({ identifiant, code: c });
    const wrong = ["000000", "111111", "222222", "333333", "444444", "555555"].filter((c) => c !== code).slice(0, 5);
    // Typed with the username or the e-mail address, the guesses count for the same account.
    for (const [i, c] of wrong.entries()) {
      expect(await guess(c, i % 2 ? who.contacts.courriel : who.credentials.username)).toMatchObject({ status: "wrongCode" });
    }
    expect(await refusal(guess(code))).toEqual({ code: "TOO_MANY_REQUESTS", message: m.tooMany(3600) });
    clock.advance(61 * MINUTE);
    expect(await guess(code)).toMatchObject({ status: "activated" });
  });

  it("lets the owner's right code through from their own address while a stranger is refused for this account", async () => {
    const who = citizen("proprietaire");
    await signUp(server, who);
    const code = codeIn((await mailsTo(server, who.contacts.courriel))[0]!.text);
    const stranger = browser(server, { ip: "203.0.113.21" });
    const wrong = code === "999999" ? "888888" : "999999";
    for (let i = 0; i < 5; i++) await stranger.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code: wrong });
    expect((await refusal(stranger.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code }))).code).toBe("TOO_MANY_REQUESTS");
    const owner = browser(server, { ip: "192.0.2.22" });
    expect(await owner.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code })).toMatchObject({ status: "activated" });
  });

  it("allows 30 activation-code guesses an hour per address, whatever the accounts", async () => {
    const spray = browser(server, { ip: "203.0.113.77" });
    for (let i = 0; i < 30; i++) {
      expect(await spray.client.account.activateWithCode.mutate({ identifiant: `compte${i}`, code: "123456" })).toMatchObject({ status: "wrongCode" });
    }
    expect((await refusal(spray.client.account.activateWithCode.mutate({ identifiant: "compte99", code: "123456" }))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("sends at most 3 e-mails an hour to one account on request, with the same answer every time", async () => {
    const who = await activeCitizen("boite");
    const b = browser(server, { ip: "192.0.2.30" });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await b.client.account.requestPasswordReset.mutate({ identifiant: who.contacts.courriel }));
    expect(new Set(answers.map((a) => a.message)).size).toBe(1);
    const resets = (await mailsTo(server, who.contacts.courriel)).filter((x) => x.subject.startsWith("Réinitialisation"));
    expect(resets).toHaveLength(3);
  });
});

describe.each(testEngines)("two server processes on one %s database", (engine) => {
  let a: TestServer;
  let b: TestServer;
  const clock = movableClock();
  beforeAll(async () => {
    a = await startTestServer({ GUICHET_WORKER: "off" }, { engine, now: clock.now });
    b = await startTestServer({ GUICHET_WORKER: "off", DATABASE_URL: a.guichet.settings.databaseUrl! }, { now: clock.now });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("count the same failed logins: what one refuses, the other refuses too", async () => {
    const who = citizen("partage");
    await signUp(a, who);
    const code = codeIn((await mailsTo(a, who.contacts.courriel))[0]!.text);
    await b.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code });
    for (let i = 0; i < 5; i++) {
      const server = i % 2 ? b : a;
      expect((await refusal(browser(server).client.account.login.mutate({ username: who.credentials.username, password: "Mauvais123" }))).code).toBe(
        "UNAUTHORIZED",
      );
    }
    for (const server of [a, b]) {
      expect(
        (await refusal(browser(server).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }))).code,
      ).toBe("TOO_MANY_REQUESTS");
    }
    // And a session opened on one is known to the other.
    clock.advance(MINUTE + 1000);
    const onA = browser(a);
    await onA.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
    const token = onA.jar.get("guichet_session")!;
    const onB = browser(b);
    onB.jar.set("guichet_session", token);
    expect((await onB.client.account.me.query())?.username).toBe(who.credentials.username);
  });
});
