import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import { accountMessages as m, ccplm, demarcheMessages } from "@guichet/api";
import { accountChangesText as t, fr, maskEmail, type FlowView } from "@guichet/schema";
import { browser, citizen, linkIn, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { marcBoyet, startTestServer, type Citizen, type TestServer } from "./testServer";

/** Marc BOYET's key in the demo registry (packages/api/src/tenant/ccplm-enfance-demo.csv). */
const MARC_KEY = "ENF-7K3M-Q9";
const NEW_PASSWORD = "Carcassonne2026";

/** Polls until `ready` holds: the outbox worker sends on its own, a moment after the change is written. */
async function until(ready: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/*
 * The démarches "Changer mon mot de passe" and "Modifier mon identité" over HTTP, on both engines: started
 * from Mon espace with a logged-in session, moved, resumed with another session, finished; the e-mail
 * received by a real SMTP server; the change seen by the login and by `account.me`.
 */
describe.each(testEngines)("démarches that change the account's password and identity, on %s", (engine) => {
  let server: TestServer;
  let peer: SmtpPeer;
  let n = 0;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    const dir = (await import("node:fs")).mkdtempSync(join((await import("node:os")).tmpdir(), "guichet-tenant-"));
    const tenantFile = join(dir, "tenant.json");
    // "Modifier mon identité" is off unless the tenant allows it.
    writeFileSync(tenantFile, JSON.stringify({ ...ccplm, demarches: { identity: { allowed: true, fields: ["firstName"] } } }));
    server = await startTestServer({ SMTP_URL: peer.url, PUBLIC_URL: "http://guichet.test", TENANT: tenantFile }, { engine });
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  const mailsTo = async (address: string) => {
    const all = await peer.parsed();
    return all.filter((mail, i) => peer.received[i]!.rcptTo.includes(address));
  };

  /** Signs up, activates through the e-mail received, and answers the citizen. */
  /** Someone the Enfance registry does not know (Marc BOYET's key is kept for the identity test). */
  const stranger = (): Citizen => {
    const who = citizen(`change${++n}`);
    return { ...who, identity: { ...who.identity, prenoms: "Paul" } };
  };

  async function activeCitizen(who: Citizen = stranger()) {
    await signUp(server, who);
    await until(async () => (await mailsTo(who.contacts.courriel)).length === 1);
    const [mail] = await mailsTo(who.contacts.courriel);
    expect((await server.client.account.activate.mutate({ jeton: linkIn(mail!.text ?? "", "activation").jeton })).status).toBe("activated");
    return who;
  }

  /** A device of its own address, logged in. */
  async function loggedIn(who: Citizen, password = who.credentials.password) {
    const ip = `203.0.113.${++n % 250}`;
    const device = browser(server, { ip });
    expect(await device.client.account.login.mutate({ username: who.credentials.username, password })).toEqual({
      ok: true,
      username: who.credentials.username,
    });
    return { ...device, ip };
  }

  const next = (device: ReturnType<typeof browser>, view: FlowView, values?: Record<string, unknown>) =>
    device.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });

  describe("Changer mon mot de passe", () => {
    it("checks the current password, keeps the rules of AUTHENTIFICATION, resumes on another device, ends the other sessions and e-mails the citizen", async () => {
      const who = await activeCitizen();
      const phone = await loggedIn(who);
      const laptop = await loggedIn(who);
      const tablet = await loggedIn(who);

      const menu = await phone.client.myspace.demarches.query();
      expect(menu.map((d) => d.kind)).toEqual(expect.arrayContaining(["changer-mot-de-passe", "modifier-identite"]));
      let view = await phone.client.myspace.start.mutate({ kind: "changer-mot-de-passe" });
      expect(view).toMatchObject({ kind: "changer-mot-de-passe", step: "newPassword", title: t.steps.newPassword, progress: { current: 1, total: 2 } });
      expect(view.fields.map((f) => [f.name, f.kind, f.autocomplete])).toEqual([
        ["currentPassword", "password", "current-password"],
        ["password", "password", "new-password"],
        ["confirmation", "password", "new-password"],
      ]);
      expect(view.passwordPolicy).toEqual({ minLength: 8, cnil2022: false });

      // The rules of AUTHENTIFICATION, the username included, which only the server knows here.
      const weak = await next(phone, view, { currentPassword: who.credentials.password, password: "court", confirmation: "court" });
      expect(weak.errors).toEqual({ password: fr.credentials.passwordWeak });
      const named = `${who.credentials.username}X9`;
      expect((await next(phone, view, { currentPassword: who.credentials.password, password: named, confirmation: named })).errors).toEqual({
        password: fr.credentials.passwordHasUsername,
      });
      const mismatch = await next(phone, view, { currentPassword: who.credentials.password, password: NEW_PASSWORD, confirmation: "Carcassonne2027" });
      expect(mismatch.errors).toEqual({ confirmation: fr.credentials.confirmationMismatch });
      // The current password, checked against the account's hash; nothing typed comes back in the view.
      const wrong = await next(phone, view, { currentPassword: "PasLeBon1975", password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      expect(wrong.errors).toEqual({ currentPassword: t.currentPasswordWrong });
      expect(JSON.stringify(wrong)).not.toContain(NEW_PASSWORD);
      expect(wrong.fields.every((f) => f.value === "")).toBe(true);

      view = await next(phone, view, { currentPassword: who.credentials.password, password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      expect(view.errors).toEqual({});
      expect(view.step).toBe("review");
      expect(view.review).toEqual([{ step: "newPassword", title: t.steps.newPassword, items: [{ label: fr.credentials.password, value: t.passwordChanged }] }]);
      expect(JSON.stringify(view)).not.toMatch(/argon2|Carcassonne/);

      // Another device takes it over from "Mes démarches en cours": the phone's view stops.
      const pending = await laptop.client.myspace.pending.query();
      expect(pending).toEqual([expect.objectContaining({ kind: "changer-mot-de-passe", title: "Changer mon mot de passe", stepTitle: fr.steps.review })]);
      const resumed = await laptop.client.myspace.resume.mutate({ flowId: pending[0]!.flowId });
      expect(resumed.step).toBe("review");
      expect((await refusal(phone.client.flow.get.mutate({ token: view.token }))).code).toBe("NOT_FOUND");

      const done = await next(laptop, resumed);
      expect(done).toMatchObject({ status: "done", step: "done", title: "MOT DE PASSE MODIFIÉ" });
      expect(done.ending).toContain("Les autres appareils connectés à votre espace ont été déconnectés.");
      expect(await laptop.client.myspace.pending.query()).toEqual([]);

      // The device that finished stays logged in; the others must log in again.
      expect(await laptop.client.account.me.query()).toMatchObject({ username: who.credentials.username });
      expect(await phone.client.account.me.query()).toBeNull();
      expect(await tablet.client.account.me.query()).toBeNull();
      expect(
        await browser(server)
          .client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })
          .catch((e) => e.message),
      ).toBe(m.login.wrong);
      await loggedIn(who, NEW_PASSWORD);

      // The e-mail, to the account's address: what was done, no secret.
      await until(async () => (await mailsTo(who.contacts.courriel)).length === 2);
      const mail = (await mailsTo(who.contacts.courriel))[1]!;
      expect(mail.subject).toBe("Votre démarche a été enregistrée");
      expect(mail.text).toContain("«\u00a0Changer mon mot de passe\u00a0»");
      expect(mail.text).toContain("Votre mot de passe a été modifié");
      expect(`${mail.text}${mail.html}`).not.toMatch(/Carcassonne|Pontoise|argon2/);
    });

    it("throttles wrong current passwords with the login's counters: the sixth try waits, whatever it says, and so does the login from that address", async () => {
      const who = await activeCitizen();
      const device = await loggedIn(who);
      const view = await device.client.myspace.start.mutate({ kind: "changer-mot-de-passe" });
      for (let i = 0; i < 5; i++) {
        const wrong = await next(device, view, { currentPassword: `Mauvais${i}Essai`, password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
        expect(wrong.errors).toEqual({ currentPassword: t.currentPasswordWrong });
      }
      const right = await next(device, view, { currentPassword: who.credentials.password, password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      expect(right.step).toBe("newPassword");
      expect(right.errors.currentPassword).toBe(m.tooMany(60));
      // The login from the same address waits too; from another address the owner still gets in.
      const login = await refusal(
        browser(server, { ip: device.ip }).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }),
      );
      expect(login.code).toBe("TOO_MANY_REQUESTS");
      expect(
        await browser(server, { ip: "192.0.2.199" }).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }),
      ).toMatchObject({ ok: true });
    });

    it("is a démarche of a logged-in citizen only, and of its owner", async () => {
      expect((await refusal(browser(server).client.myspace.start.mutate({ kind: "changer-mot-de-passe" }))).code).toBe("UNAUTHORIZED");
      const owner = await loggedIn(await activeCitizen());
      await owner.client.myspace.start.mutate({ kind: "changer-mot-de-passe" });
      const [flow] = await owner.client.myspace.pending.query();
      const stranger = await loggedIn(await activeCitizen());
      expect((await refusal(stranger.client.myspace.resume.mutate({ flowId: flow!.flowId }))).code).toBe("NOT_FOUND");
    });
  });

  describe("Changer mon adresse électronique", () => {
    it("asks the current password and the new address twice; the address counts once its link, the one of Modifier mes coordonnées, is opened", async () => {
      const who = await activeCitizen();
      const device = await loggedIn(who);
      let view = await device.client.myspace.start.mutate({ kind: "changer-adresse-electronique" });
      expect(view.step).toBe("newEmail");
      expect(view.fields.map((f) => f.name)).toEqual(["currentPassword", "courriel", "confirmation"]);
      const newAddress = `nouvelle.${who.contacts.courriel}`;
      const good = { currentPassword: who.credentials.password, courriel: newAddress, confirmation: newAddress };
      expect((await next(device, view, { ...good, confirmation: "autre@example.fr" })).errors).toEqual({ confirmation: t.newEmailMismatch });
      expect((await next(device, view, { ...good, courriel: "pas-une-adresse", confirmation: "pas-une-adresse" })).errors).toEqual({
        courriel: fr.contacts.courrielFormat,
      });
      const same = who.contacts.courriel.toUpperCase();
      expect((await next(device, view, { ...good, courriel: same, confirmation: same })).errors).toEqual({ courriel: t.newEmailSame });
      const wrong = await next(device, view, { ...good, currentPassword: "PasLeBon1975" });
      expect(wrong.errors).toEqual({ currentPassword: t.currentPasswordWrong });
      expect(wrong.fields.find((f) => f.name === "courriel")?.value).toBe(newAddress);

      view = await next(device, view, good);
      expect(view.review?.[0]?.items).toEqual([{ label: t.newEmail, value: newAddress }]);
      expect(JSON.stringify(view)).not.toContain(who.credentials.password);
      const other = await loggedIn(who);
      const [pending] = await other.client.myspace.pending.query();
      const done = await next(other, await other.client.myspace.resume.mutate({ flowId: pending!.flowId }));
      expect(done.status).toBe("done");
      expect(done.ending?.[0]).toBe(`Un lien de confirmation vient d’être envoyé à ${maskEmail(newAddress)}.`);
      // Until its link is opened, the account keeps its address, and Mon espace says the new one waits.
      expect((await other.client.account.me.query())!.pendingEmail).toBe(newAddress);

      await until(async () => (await mailsTo(newAddress)).length === 1 && (await mailsTo(who.contacts.courriel)).length === 3);
      const toOld = await mailsTo(who.contacts.courriel);
      expect(toOld.map((x) => x.subject).sort()).toEqual([
        "Confirmation de création de votre espace citoyen",
        "Votre adresse électronique va changer",
        "Votre démarche a été enregistrée",
      ]);
      expect(toOld.find((x) => x.subject === "Votre démarche a été enregistrée")!.text).toContain("«\u00a0Changer mon adresse électronique\u00a0»");
      const link = linkIn((await mailsTo(newAddress))[0]!.text ?? "", "confirmer-courriel");
      expect((await server.client.account.confirmEmail.mutate({ jeton: link.jeton })).status).toBe("confirmed");
      const me = (await other.client.account.me.query())!;
      expect(me.pendingEmail).toBeUndefined();
      expect(me.groups.flatMap((g) => g.items)).toContainEqual({ label: fr.contacts.courriel, value: newAddress });
    });
  });

  describe("Modifier mon identité", () => {
    it("changes the first names the tenant allows, refuses the others, re-matches the Enfance key and releases it with a French explanation", async () => {
      // The demo registry's Marc BOYET: the service recognised him at sign-up and gave his key.
      // The page sends back the key the service filled in.
      const who = await activeCitizen({
        ...citizen(`marc${++n}`),
        identity: marcBoyet.identity,
        services: { keys: { enfance: MARC_KEY } } as Citizen["services"],
      });
      const device = await loggedIn(who);
      expect((await device.client.account.me.query())!.services[0]).toMatchObject({ id: "enfance", key: MARC_KEY, auto: true });

      let view = await device.client.myspace.start.mutate({ kind: "modifier-identite" });
      expect(view.step).toBe("identityChange");
      expect(view.fields.map((f) => [f.name, f.value])).toEqual([
        ["nomNaissance", ""],
        ["prenoms", "Marc"],
      ]);
      // The tenant allows first names only.
      const locked = await next(device, view, { nomNaissance: "MARTIN", prenoms: "Marc" });
      expect(locked.errors).toEqual({ nomNaissance: t.identityFieldLocked });
      expect((await next(device, view, { prenoms: "Marc" })).errors).toEqual({ _form: t.identityUnchanged });
      expect((await next(device, view, { prenoms: "M4rc" })).errors).toEqual({ prenoms: fr.identity.nameChars });

      view = await next(device, view, { prenoms: "Jean" });
      expect(view.step).toBe("review");
      expect(view.review?.[0]?.items).toEqual([
        { label: fr.identity.nomNaissance, value: "—" },
        { label: fr.identity.prenoms, value: "Jean" },
      ]);
      // Resumed on another device before the review is validated.
      const other = await loggedIn(who);
      const [pending] = await other.client.myspace.pending.query();
      const resumed = await other.client.myspace.resume.mutate({ flowId: pending!.flowId });
      const done = await next(other, resumed);
      expect(done.status).toBe("done");
      const released = `Enfance\u00a0: ${t.keyReleased("Enfance", MARC_KEY, "jeunesse@ccplm.fr")}`;
      expect(done.ending).toContain(released);

      const me = (await other.client.account.me.query())!;
      expect(me.displayName).toBe("Monsieur Jean BOYET");
      // Mon espace says why, beside the service.
      expect(me.services[0]).toEqual({ id: "enfance", label: "Enfance", auto: false, contact: "jeunesse@ccplm.fr", released });

      await until(async () => (await mailsTo(who.contacts.courriel)).length === 2);
      const mail = (await mailsTo(who.contacts.courriel))[1]!;
      expect(mail.text).toContain("«\u00a0Modifier mon identité\u00a0»");
      expect(mail.text).toContain(`Prénom(s)\u00a0: Jean`);
      expect(mail.text).toContain(t.keyReleased("Enfance", MARC_KEY, "jeunesse@ccplm.fr"));

      // The key is free again: the real Marc BOYET signing up gets it.
      const real = { ...citizen(`marc${++n}`), identity: marcBoyet.identity, services: { keys: { enfance: MARC_KEY } } as Citizen["services"] };
      await activeCitizen(real);
      expect((await (await loggedIn(real)).client.account.me.query())!.services[0]).toMatchObject({ key: MARC_KEY, auto: true });
    });
  });
});

describe.each(testEngines)("a tenant that does not allow « Modifier mon identité », on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
  });
  afterAll(() => server?.close());

  it("leaves it out of the menu and refuses to start it", async () => {
    const who = citizen("nomenu");
    await signUp(server, who);
    await server.guichet.outbox.drain();
    const { mailbox } = await import("./accountHelpers");
    const mail = (await mailbox(server)).find((x) => x.to.includes(who.contacts.courriel))!;
    await server.client.account.activate.mutate({ jeton: linkIn(mail.text, "activation").jeton });
    const device = browser(server);
    await device.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
    const kinds = (await device.client.myspace.demarches.query()).map((d) => d.kind);
    expect(kinds).toContain("changer-mot-de-passe");
    expect(kinds).not.toContain("modifier-identite");
    expect(await refusal(device.client.myspace.start.mutate({ kind: "modifier-identite" }))).toEqual({ code: "NOT_FOUND", message: demarcheMessages.unknown });
  });
});
