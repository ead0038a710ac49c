import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ccplm } from "@guichet/api";
import { fr, type FlowView } from "@guichet/schema";
import { browser, citizen, codeIn, linkIn, mailsTo, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, walkTo, type Citizen, type TestServer } from "./testServer";

const RESET = "Réinitialisation de votre mot de passe";
const ACTIVATION = "Confirmation de création de votre espace citoyen";
const ALREADY = "Votre espace citoyen existe déjà";

/*
 * One identifier, one account (issue 21), over HTTP on both engines: a username is never an address, so what
 * is typed with an @ finds that address's owner only; addresses and names that look like others are refused,
 * or caught as the espace that exists already.
 */
describe.each(testEngines)("one identifier, one account, on %s", (engine) => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "guichet-tenant-"));
    const tenantFile = join(dir, "tenant.json");
    writeFileSync(tenantFile, JSON.stringify({ ...ccplm, demarches: { identity: { allowed: true, fields: ["firstName", "birthName"] } } }));
    server = await startTestServer({ GUICHET_WORKER: "off", PUBLIC_URL: "http://guichet.test", TENANT: tenantFile }, { engine });
  });
  afterAll(() => server?.close());

  const someone = (overrides: { nomUsuel?: string; courriel?: string } = {}) => citizen(`ident${++n}`, overrides);
  const send = (view: FlowView, values?: Record<string, unknown>, client: TestServer["client"] = server.client) =>
    client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
  const subjects = async (address: string) => (await mailsTo(server, address)).map((m) => m.subject);
  const accountsOf = async (courrielLike: string) =>
    server.guichet.db.execute<{ username: string; email: string; nom_usuel: string }>(
      "select username, email, nom_usuel from account where lower(email) like ?",
      [`%${courrielLike.toLowerCase()}%`],
    );

  describe("usernames and the look-ups by identifier", () => {
    it("refuses, at AUTHENTIFICATION, a username that is another citizen's address in capitals, or holds an @", async () => {
      const victim = someone();
      await signUp(server, victim);
      const attacker = someone();
      const view = await walkTo(server.client, "credentials", attacker);
      for (const username of [victim.contacts.courriel.toUpperCase(), victim.contacts.courriel, "marc@boyet"]) {
        const refused = await send(view, { ...attacker.credentials, username });
        expect(refused.errors).toEqual({ username: fr.credentials.usernameAt });
        expect(refused.step).toBe("credentials");
      }
    });

    it("sends the reset, the new activation and takes the code of the address's owner, even when an older account has that address as username", async () => {
      const victim = someone();
      const attacker = someone();
      await signUp(server, victim);
      await signUp(server, attacker);
      // An account made before the rule: its username is the victim's address, in capitals.
      await server.guichet.db.execute("update account set username = ?, username_key = ? where username_key = ?", [
        victim.contacts.courriel.toUpperCase(),
        victim.contacts.courriel.toLowerCase(),
        attacker.credentials.username,
      ]);
      const beforeVictim = (await mailsTo(server, victim.contacts.courriel)).length;
      const beforeAttacker = (await mailsTo(server, attacker.contacts.courriel)).length;

      await server.client.account.requestPasswordReset.mutate({ identifiant: victim.contacts.courriel });
      await server.client.account.resendActivation.mutate({ identifiant: victim.contacts.courriel.toUpperCase() });
      const victimMails = (await mailsTo(server, victim.contacts.courriel)).slice(beforeVictim);
      expect(victimMails.map((m) => m.subject).sort()).toEqual([ACTIVATION, RESET].sort());
      expect((await mailsTo(server, attacker.contacts.courriel)).slice(beforeAttacker)).toEqual([]);

      // The code of the victim's newest e-mail, typed with the victim's address, activates the victim's espace.
      const code = codeIn(victimMails.find((m) => m.subject === ACTIVATION)!.text);
      const activated = await server.client.account.activateWithCode.mutate({ identifiant: victim.contacts.courriel, code });
      expect(activated).toMatchObject({ status: "activated", username: victim.credentials.username });
      const rows = await server.guichet.db.execute<{ username_key: string; status: string }>(
        "select username_key, status from account where email_key in (?, ?)",
        [victim.contacts.courriel, attacker.contacts.courriel],
      );
      expect(Object.fromEntries(rows.map((r) => [r.username_key, r.status]))).toEqual({
        [victim.credentials.username]: "active",
        [victim.contacts.courriel.toLowerCase()]: "pending",
      });
    });

    it("looks up an identifier without @ as a username only", async () => {
      const who = someone();
      await signUp(server, who);
      const before = (await mailsTo(server, who.contacts.courriel)).length;
      await server.client.account.requestPasswordReset.mutate({ identifiant: who.credentials.username.toUpperCase() });
      expect((await subjects(who.contacts.courriel)).slice(before)).toEqual([RESET]);
    });
  });

  describe("e-mail addresses", () => {
    it("refuses an address with a Cyrillic і among Latin letters, U+200B, U+202E or U+200E in its local part", async () => {
      const owner = someone();
      await signUp(server, owner);
      const [local, domain] = owner.contacts.courriel.split("@") as [string, string];
      const view = await walkTo(server.client, "contacts", someone());
      const cases: Array<[string, string]> = [
        [`${local.replace("i", "і")}@${domain}`, fr.contacts.courrielMixedScripts],
        [`${local}\u200b@${domain}`, fr.contacts.courrielInvisible],
        [`\u202e${local}@${domain}`, fr.contacts.courrielInvisible],
        [`${local.slice(0, 3)}\u200e${local.slice(3)}@${domain}`, fr.contacts.courrielInvisible],
      ];
      for (const [courriel, message] of cases) {
        expect((await send(view, { ...owner.contacts, courriel })).errors, JSON.stringify(courriel)).toEqual({ courriel: message });
      }
    });

    it("catches an address written in another script that looks like an existing one as the espace that exists already", async () => {
      const n0 = ++n;
      const owner = citizen(`lookalike${n0}`, { courriel: `ace.${n0}@example.fr` });
      await signUp(server, owner);
      // « асе » in Cyrillic letters only: one script, so not refused, but its skeleton is the owner's.
      const lookalike = citizen(`lookalike${n0}b`, { courriel: `асе.${n0}@example.fr` });
      await signUp(server, lookalike);
      expect(await accountsOf(`.${n0}@example.fr`)).toEqual([expect.objectContaining({ email: owner.contacts.courriel })]);
      expect((await subjects(owner.contacts.courriel)).sort()).toEqual([ACTIVATION, ALREADY].sort());
    });

    it("keeps the domain in IDNA form, so a domain typed in Unicode and its punycode are one address", async () => {
      const k = ++n;
      await signUp(server, citizen(`idn${k}`, { courriel: `idn.${k}@bücher.example` }));
      expect(await accountsOf(`idn.${k}@`)).toEqual([expect.objectContaining({ email: `idn.${k}@xn--bcher-kva.example` })]);
      await signUp(server, citizen(`idn${k}b`, { courriel: `IDN.${k}@XN--BCHER-KVA.EXAMPLE` }));
      expect(await accountsOf(`idn.${k}@`)).toHaveLength(1);
      // The outbox sends to the punycode address (the mailbox shows its Unicode form); the owner hears of the second try.
      const sent = await server.guichet.db.execute<{ recipient: string }>("select recipient from outbox where recipient like ?", [`idn.${k}@%`]);
      expect(new Set(sent.map((r) => r.recipient))).toEqual(new Set([`idn.${k}@xn--bcher-kva.example`]));
      expect((await subjects(`idn.${k}@`)).sort()).toEqual([ACTIVATION, ALREADY].sort());
    });

    it("applies the same rule in « Changer mon adresse électronique »", async () => {
      const who = someone();
      await signUp(server, who);
      const activation = (await mailsTo(server, who.contacts.courriel)).find((m) => m.subject === ACTIVATION)!;
      await server.client.account.activate.mutate({ jeton: linkIn(activation.text, "activation").jeton });
      const device = browser(server, { ip: `203.0.113.${n % 250}` });
      expect(await device.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
      const view = await device.client.myspace.start.mutate({ kind: "changer-adresse-electronique" });
      const change = (courriel: string) => send(view, { currentPassword: who.credentials.password, courriel, confirmation: courriel }, device.client);
      expect((await change("nouvelle.alіce@example.fr")).errors).toEqual({ courriel: fr.contacts.courrielMixedScripts });
      for (const ch of ["\u200b", "\u202e", "\u200e"]) {
        expect((await change(`nouvelle${ch}.alice@example.fr`)).errors, JSON.stringify(ch)).toEqual({ courriel: fr.contacts.courrielInvisible });
      }
      const ok = await change("nouvelle.alice@bücher.example");
      expect(ok.errors).toEqual({});
      expect(ok.review?.[0]?.items[0]?.value).toBe("nouvelle.alice@xn--bcher-kva.example");
    });
  });

  describe("names", () => {
    const identityErrors = async (identity: Partial<Citizen["identity"]>) => {
      const view = await walkTo(server.client, "identity", someone());
      return (await send(view, { ...someone().identity, ...identity })).errors;
    };

    it("refuses ВОУЕТ (Cyrillic, the tenant allows Latin), BОYET (mixed scripts), U+3164 alone (« obligatoire ») and 90 combining marks", async () => {
      expect(await identityErrors({ nomUsuel: "ВОУЕТ" })).toEqual({ nomUsuel: fr.identity.nameScript(["Latin"]) });
      expect(await identityErrors({ nomUsuel: "BОYET" })).toEqual({ nomUsuel: fr.identity.nameMixedScripts });
      expect(await identityErrors({ prenoms: "Mаrc" })).toEqual({ prenoms: fr.identity.nameMixedScripts });
      expect(await identityErrors({ nomUsuel: "\u3164" })).toEqual({ nomUsuel: fr.identity.nomUsuelRequired });
      expect(await identityErrors({ nomUsuel: "\u115f\u1160\uffa0" })).toEqual({ nomUsuel: fr.identity.nomUsuelRequired });
      expect(await identityErrors({ prenoms: `M${"\u0301".repeat(90)}arc` })).toEqual({ prenoms: fr.identity.nameMarks });
      expect(await identityErrors({ nomNaissance: "BO\u200bYET" })).toEqual({ nomNaissance: fr.identity.nameInvisible });
    });

    it("keeps ＢＯＹＥＴ typed in full width as BOYET, and ordinary French names as typed", async () => {
      const wide = someone({ nomUsuel: "ＢＯＹＥＴ" });
      await signUp(server, { ...wide, identity: { ...wide.identity, prenoms: "Ｍarc" } });
      const [row] = await accountsOf(wide.contacts.courriel);
      expect(row).toMatchObject({ nom_usuel: "BOYET" });
      const french = someone({ nomUsuel: "D’Artagnan-Saint-Exupéry" });
      await signUp(server, { ...french, identity: { ...french.identity, prenoms: "Élodie Lætitia Œdipe Ñúñez", nomNaissance: "D'Aubigné" } });
      expect((await accountsOf(french.contacts.courriel))[0]).toMatchObject({ nom_usuel: "D’Artagnan-Saint-Exupéry" });
    });

    it("applies the same rule in « Modifier mon identité »", async () => {
      const who = someone();
      await signUp(server, who);
      const activation = (await mailsTo(server, who.contacts.courriel)).find((m) => m.subject === ACTIVATION)!;
      await server.client.account.activate.mutate({ jeton: linkIn(activation.text, "activation").jeton });
      const device = browser(server, { ip: `198.51.100.${n % 250}` });
      await device.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
      const view = await device.client.myspace.start.mutate({ kind: "modifier-identite" });
      const change = (values: Record<string, unknown>) => send(view, { prenoms: who.identity.prenoms, ...values }, device.client);
      expect((await change({ prenoms: "BОYET" })).errors).toEqual({ prenoms: fr.identity.nameMixedScripts });
      expect((await change({ prenoms: "\u3164" })).errors).toEqual({ prenoms: fr.identity.prenomsRequired });
      expect((await change({ nomNaissance: "ВОУЕТ" })).errors).toEqual({ nomNaissance: fr.identity.nameScript(["Latin"]) });
      expect((await change({ prenoms: `e${"\u0300".repeat(3)}` })).errors).toEqual({ prenoms: fr.identity.nameMarks });
      const ok = await change({ prenoms: "Ｍarc-Élie" });
      expect(ok.errors).toEqual({});
      expect(ok.review?.[0]?.items.find((i) => i.label === fr.identity.prenoms)?.value).toBe("Marc-Élie");
    });
  });
});

describe.each(testEngines)("names where the tenant allows Latin and Cyrillic, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    const tenantFile = join(mkdtempSync(join(tmpdir(), "guichet-tenant-")), "tenant.json");
    writeFileSync(tenantFile, JSON.stringify({ ...ccplm, nameScripts: ["Latin", "Cyrillic"] }));
    server = await startTestServer({ GUICHET_WORKER: "off", TENANT: tenantFile }, { engine });
  });
  afterAll(() => server?.close());

  it("accepts a name written in Cyrillic, still one script per word, and tells the browser which scripts it checks", async () => {
    const who = citizen("cyrillic");
    const view = await walkTo(server.client, "identity", who);
    expect(view.nameScripts).toEqual(["Latin", "Cyrillic"]);
    const send = (identity: Record<string, unknown>) =>
      server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { ...who.identity, ...identity } } });
    expect((await send({ nomUsuel: "BОYET" })).errors).toEqual({ nomUsuel: fr.identity.nameMixedScripts });
    expect((await send({ nomUsuel: "ΒΟΥΕΤ" })).errors).toEqual({ nomUsuel: fr.identity.nameScript(["Latin", "Cyrillic"]) });
    const accepted = await send({ nomUsuel: "ВОУЕТ", prenoms: "Марк" });
    expect(accepted.errors).toEqual({});
    expect(accepted.step).toBe("address");
  });
});
