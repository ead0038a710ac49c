import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages as m, importServiceRegistry } from "@guichet/api";
import { canonicalEmail, fr, maskEmail } from "@guichet/schema";
import { browser, citizen, codeIn, linkIn, mailsTo, movableClock, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

const HOUR = 3600_000;

describe.each(testEngines)("the account after sign-up, on %s", (engine) => {
  let server: TestServer;
  const clock = movableClock();
  beforeAll(async () => {
    // No worker: each test sends the outbox itself, at the test clock's time.
    server = await startTestServer({ GUICHET_WORKER: "off", PUBLIC_URL: "http://guichet.test" }, { engine, now: clock.now });
  });
  afterAll(() => server.close());

  async function activationMail(address: string, index = -1) {
    const mail = (await mailsTo(server, address)).filter((x) => x.subject.startsWith("Confirmation")).at(index);
    if (!mail) throw new Error(`no activation e-mail to ${address}`);
    return { link: linkIn(mail.text, "activation"), code: codeIn(mail.text) };
  }

  async function activeCitizen(n: string) {
    const who = citizen(n);
    await signUp(server, who);
    const { link } = await activationMail(who.contacts.courriel);
    expect((await server.client.account.activate.mutate({ jeton: link.jeton })).status).toBe("activated");
    return who;
  }

  describe("activation", () => {
    it("activates once; the same link opened again says the espace is already active", async () => {
      const who = citizen("reuse");
      await signUp(server, who);
      const { link } = await activationMail(who.contacts.courriel);
      const first = await server.client.account.activate.mutate({ jeton: link.jeton });
      expect(first).toEqual({ status: "activated", message: m.activation.activated, username: who.credentials.username, canResend: false });
      const again = await server.client.account.activate.mutate({ jeton: link.jeton });
      expect(again).toMatchObject({ status: "alreadyActive", message: m.activation.alreadyActive, canResend: false });
      const [row] = await server.guichet.db.execute<{ status: string }>("select status from account where username_key = ?", [who.credentials.username]);
      expect(row!.status).toBe("active");
    });

    it("keeps a link 72 hours; after that it says so and sends a new one on request, which replaces the old link and code", async () => {
      const who = citizen("expiry");
      await signUp(server, who);
      const old = await activationMail(who.contacts.courriel);

      clock.advance(72 * HOUR + 60_000);
      const expired = await server.client.account.activate.mutate({ jeton: old.link.jeton });
      expect(expired).toEqual({ status: "expired", message: m.activation.expired, canResend: true });

      const resent = await server.client.account.resendActivation.mutate({ jeton: old.link.jeton });
      expect(resent.message).toBe(m.activation.resent);
      const fresh = await activationMail(who.contacts.courriel);
      expect(fresh.link.jeton).not.toBe(old.link.jeton);

      expect((await server.client.account.activate.mutate({ jeton: old.link.jeton })).status).toBe("used");
      const wrongOldCode = await server.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code: old.code });
      if (old.code !== fresh.code) expect(wrongOldCode.status).toBe("wrongCode");
      expect((await server.client.account.activate.mutate({ jeton: fresh.link.jeton })).status).toBe("activated");
    });

    it("is still valid one minute before the 72 hours end", async () => {
      const who = citizen("edge");
      await signUp(server, who);
      const { link } = await activationMail(who.contacts.courriel);
      clock.advance(72 * HOUR - 60_000);
      expect((await server.client.account.activate.mutate({ jeton: link.jeton })).status).toBe("activated");
    });

    it("answers a mangled or unknown link with a sentence and the offer of a new e-mail, never an error", async () => {
      for (const jeton of ["abc", "x".repeat(43)]) {
        expect(await server.client.account.activate.mutate({ jeton })).toEqual({ status: "invalid", message: m.activation.invalid, canResend: true });
      }
    });

    it("activates with the 6-digit code typed with the username or the e-mail address", async () => {
      const who = citizen("code");
      await signUp(server, who);
      const { code } = await activationMail(who.contacts.courriel);
      const wrong = await server.client.account.activateWithCode.mutate({ identifiant: who.contacts.courriel, code: code === "000000" ? "000001" : "000000" });
      expect(wrong).toEqual({ status: "wrongCode", message: m.activation.codeWrong });
      const malformed = await server.client.account.activateWithCode.mutate({ identifiant: who.contacts.courriel, code: "12a" });
      expect(malformed).toMatchObject({ errors: { code: m.activation.codeFormat } });
      const ok = await server.client.account.activateWithCode.mutate({
        identifiant: who.contacts.courriel.toUpperCase(),
        code: `${code.slice(0, 3)} ${code.slice(3)}`,
      });
      expect(ok).toMatchObject({ status: "activated", username: who.credentials.username });
    });

    it("sends a new activation e-mail to a citizen who lost theirs, and says the same for an unknown address", async () => {
      const who = citizen("lost");
      await signUp(server, who);
      const known = await server.client.account.resendActivation.mutate({ identifiant: who.contacts.courriel });
      const unknown = await server.client.account.resendActivation.mutate({ identifiant: "personne@example.fr" });
      expect(known).toEqual(unknown);
      const mails = (await mailsTo(server, who.contacts.courriel)).filter((x) => x.subject.startsWith("Confirmation"));
      expect(mails).toHaveLength(2);
      expect(await mailsTo(server, "personne@example.fr")).toHaveLength(0);
    });
  });

  describe("login and Mon espace", () => {
    it("refuses a pending account's correct password with the reason, and a wrong one with one sentence", async () => {
      const who = citizen("pending");
      await signUp(server, who);
      const b = browser(server);
      expect(await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toEqual({
        ok: false,
        message: m.login.pending,
        errors: {},
      });
      expect(await refusal(b.client.account.login.mutate({ username: who.credentials.username, password: "Mauvais123" }))).toEqual({
        code: "UNAUTHORIZED",
        message: m.login.wrong,
      });
      expect(await refusal(b.client.account.login.mutate({ username: "inconnu", password: "Mauvais123" }))).toEqual({
        code: "UNAUTHORIZED",
        message: m.login.wrong,
      });
      // No session: only the device's cookie, by which logins are counted.
      expect(b.jar.hasSession()).toBe(false);
    });

    it("keeps the session in an httpOnly cookie until logout, and refuses its token afterwards", async () => {
      const who = await activeCitizen("session");
      const b = browser(server);
      expect(await b.client.account.me.query()).toBeNull();
      await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
      const token = b.jar.get("guichet_session")!;
      expect(token).toMatch(/^[\w-]{43}$/);
      expect((await b.client.account.me.query())?.username).toBe(who.credentials.username);
      // Only the hash is stored.
      expect(await server.guichet.db.execute("select 1 from session where id = ?", [token])).toHaveLength(0);

      expect(await b.client.account.logout.mutate()).toEqual({ message: m.login.loggedOut });
      expect(b.setCookies.at(-1)).toMatch(/^guichet_session=; .*Expires=Thu, 01 Jan 1970/);
      expect(await b.client.account.me.query()).toBeNull();
      b.jar.set("guichet_session", token);
      expect(await b.client.account.me.query()).toBeNull();
    });

    it("ends a session after 2 hours without activity", async () => {
      const who = await activeCitizen("idle");
      const b = browser(server);
      await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
      clock.advance(HOUR + 50 * 60_000);
      expect(await b.client.account.me.query()).not.toBeNull();
      clock.advance(HOUR + 50 * 60_000);
      expect(await b.client.account.me.query()).not.toBeNull();
      clock.advance(2 * HOUR + 60_000);
      expect(await b.client.account.me.query()).toBeNull();
    });

    it("shows identity, address, contacts and service keys, and adds a key the service recognises, once", async () => {
      // Two records that name this citizen (Marc BOYET): the service cannot choose, so he types the key given to him.
      await importServiceRegistry(
        server.guichet.db,
        "enfance",
        "cle;nom;prenoms;date_naissance;courriel\nENF-7001;BOYET;Marc;01/05/1975;\nENF-7002;BOYET;Marc;01/05/1975;\n",
      );
      const who = await activeCitizen("keys");
      const b = browser(server);
      await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
      const before = await b.client.account.me.query();
      expect(before?.groups[0]!.items).toContainEqual({ label: fr.identity.nomUsuel, value: "BOYET" });
      expect(before?.groups[0]!.items).toContainEqual({ label: fr.identity.dateNaissance, value: "01/05/1975" });
      expect(before?.services).toEqual([{ id: "enfance", label: "Enfance", auto: false, contact: "jeunesse@ccplm.fr" }]);

      expect(await b.client.account.addServiceKey.mutate({ serviceId: "enfance", key: "ENF-0000" })).toEqual({
        ok: false,
        errors: { "keys.enfance": m.services.keyWrong },
      });
      const added = await b.client.account.addServiceKey.mutate({ serviceId: "enfance", key: " enf-7001 " });
      expect(added).toMatchObject({ ok: true, message: m.services.added });
      expect((await b.client.account.me.query())?.services[0]).toMatchObject({ key: "ENF-7001" });
      const [row] = await server.guichet.db.execute<{ claimed_by: string }>("select claimed_by from service_citizen where key = 'ENF-7001'");
      expect(row!.claimed_by).toBeTruthy();

      const other = await activeCitizen("keys2");
      const o = browser(server);
      await o.client.account.login.mutate({ username: other.credentials.username, password: other.credentials.password });
      expect(await o.client.account.addServiceKey.mutate({ serviceId: "enfance", key: "ENF-7001" })).toEqual({
        ok: false,
        errors: { "keys.enfance": m.services.keyTaken },
      });
      expect(await refusal(browser(server).client.account.addServiceKey.mutate({ serviceId: "enfance", key: "ENF-7002" }))).toEqual({
        code: "UNAUTHORIZED",
        message: m.login.sessionRequired,
      });
    });
  });

  describe("J'ai oublié mon mot de passe", () => {
    it("refuses a name holding a NUL character in French, never with a server error (found by the fuzzer)", async () => {
      for (const identifiant of ["\u0000", "marc\u0000boyet"]) {
        const refused = await server.client.account.requestPasswordReset.mutate({ identifiant }).then(
          () => undefined,
          (e: { data?: { httpStatus?: number }; message: string }) => e,
        );
        expect(refused?.data?.httpStatus).toBe(400);
        expect(refused?.message).toMatch(/caractère/);
      }
      await expect(server.client.account.login.mutate({ username: "a\u0000", password: "x\u0000" })).rejects.toMatchObject({ data: { httpStatus: 400 } });
    });

    it("answers the same sentence for any name, e-mails a 1-hour link to the owner, and the new password follows the sign-up rules", async () => {
      const who = await activeCitizen("reset");
      const phone = browser(server);
      await phone.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });

      const known = await server.client.account.requestPasswordReset.mutate({ identifiant: who.credentials.username });
      const unknown = await server.client.account.requestPasswordReset.mutate({ identifiant: "quelquun@example.fr" });
      expect(known).toEqual({ message: m.reset.requested });
      expect(unknown).toEqual(known);
      const mail = (await mailsTo(server, who.contacts.courriel)).find((x) => x.subject === "Réinitialisation de votre mot de passe")!;
      const { jeton, url } = linkIn(mail.text, "nouveau-mot-de-passe");
      expect(url.startsWith("http://guichet.test/nouveau-mot-de-passe#jeton=")).toBe(true);

      expect(await server.client.account.resetLink.mutate({ jeton })).toEqual({
        status: "valid",
        username: who.credentials.username,
        passwordPolicy: { minLength: 8, cnil2022: false },
      });
      expect(await server.client.account.resetPassword.mutate({ jeton, password: "court", confirmation: "court" })).toEqual({
        ok: false,
        errors: { password: fr.credentials.passwordWeak },
      });
      expect(await server.client.account.resetPassword.mutate({ jeton, password: "Malepere.Bram42", confirmation: "Malepere.Bram43" })).toEqual({
        ok: false,
        errors: { confirmation: fr.credentials.confirmationMismatch },
      });
      expect(await server.client.account.resetPassword.mutate({ jeton, password: "Malepere.Bram42", confirmation: "Malepere.Bram42" })).toEqual({
        ok: true,
        message: m.reset.done,
      });

      // Every device logs in again; the old password no longer opens the espace, the new one does.
      expect(await phone.client.account.me.query()).toBeNull();
      const b = browser(server);
      expect((await refusal(b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }))).code).toBe(
        "UNAUTHORIZED",
      );
      expect(await b.client.account.login.mutate({ username: who.credentials.username, password: "Malepere.Bram42" })).toMatchObject({ ok: true });

      expect(await server.client.account.resetPassword.mutate({ jeton, password: "Lauragais.Fanjeaux7", confirmation: "Lauragais.Fanjeaux7" })).toEqual({
        ok: false,
        status: "used",
        message: m.reset.used,
      });
    });

    it("lets a reset link expire after 1 hour", async () => {
      const who = await activeCitizen("reset-late");
      await server.client.account.requestPasswordReset.mutate({ identifiant: who.contacts.courriel });
      const mail = (await mailsTo(server, who.contacts.courriel)).find((x) => x.subject === "Réinitialisation de votre mot de passe")!;
      const { jeton } = linkIn(mail.text, "nouveau-mot-de-passe");
      clock.advance(HOUR + 1000);
      expect(await server.client.account.resetLink.mutate({ jeton })).toEqual({ status: "expired", message: m.reset.expired });
      expect(await server.client.account.resetPassword.mutate({ jeton, password: "Malepere.Bram42", confirmation: "Malepere.Bram42" })).toMatchObject({
        ok: false,
        status: "expired",
      });
      expect(await server.client.account.resetLink.mutate({ jeton: "x".repeat(43) })).toEqual({ status: "invalid", message: m.reset.invalid });
    });
  });

  it("shows the same final screen to a second sign-up with a known e-mail, e-mails the owner, and creates nothing", async () => {
    const owner = await activeCitizen("owner");
    const newcomer = citizen("intrus", { courriel: owner.contacts.courriel.toUpperCase() });
    const first = await signUp(server, citizen("compare"));
    const second = await signUp(server, newcomer);
    // Everything but the flow's own token and version, and the address each typed (masked), which tells nothing new.
    const screen = ({ token: _t, version: _v, done, ...rest }: typeof first) => ({ ...rest, activationHours: done?.activationHours });
    expect(screen(second)).toEqual(screen(first));
    // The address as kept: its domain in IDNA (lower-case) form.
    expect(second.done?.sentTo).toBe(maskEmail(canonicalEmail(newcomer.contacts.courriel)));

    const mails = await mailsTo(server, owner.contacts.courriel);
    const notice = mails.find((x) => x.subject === "Votre espace citoyen existe déjà");
    expect(notice?.text).toContain("Bonjour Monsieur BOYET");
    expect(notice?.text).toContain("http://guichet.test/mot-de-passe-oublie");
    const accounts = await server.guichet.db.execute("select 1 from account where username_key = ?", [newcomer.credentials.username]);
    expect(accounts).toHaveLength(0);
  });
});
