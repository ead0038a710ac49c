import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountMessages, deleteAccountText, importServiceRegistry, PERSONAL_DATA_DOWNLOADS_PER_HOUR, type PersonalDataExport } from "@guichet/api";
import { accountRepository, flowStore, personalDataRepository, serviceCitizenRepository } from "@guichet/db";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import { fr, type FlowView } from "@guichet/schema";
import { browser, citizen, linkIn, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, walkTo, type Citizen, type TestServer } from "./testServer";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** An Enfance key this suite imports, Marc SUPPR's. */
const ENFANCE_KEY = "ENF-9001-SP";

describe.each(testEngines)("Mes données and Supprimer mon espace, on %s", (engine) => {
  let server: TestServer;
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    server = await startTestServer({ SMTP_URL: peer.url, PUBLIC_URL: "http://guichet.test", GUICHET_WORKER: "off" }, { engine });
    await importServiceRegistry(server.guichet.db, "enfance", `cle;nom;prenoms;date_naissance;courriel\n${ENFANCE_KEY};SUPPR;Marc;01/05/1975;\n`);
  });
  afterAll(async () => {
    await server.close();
    await peer.close();
  });

  /** The e-mails the SMTP peer received for an address, after the outbox has sent what it holds. */
  async function mailsTo(address: string) {
    await server.guichet.outbox.drain();
    const parsed = await peer.parsed();
    return parsed.filter((_m, i) => peer.received[i]!.rcptTo.includes(address));
  }

  /** Signs up, activates by the e-mailed link, logs in: a browser with its session cookie. */
  async function activeCitizen(who: Citizen) {
    await signUp(server, who);
    const activation = (await mailsTo(who.contacts.courriel)).find((m) => m.subject?.startsWith("Confirmation"))!;
    await server.client.account.activate.mutate({ jeton: linkIn(activation.text ?? "", "activation").jeton });
    const b = browser(server);
    expect(await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).toMatchObject({ ok: true });
    const cookie = () => [...b.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const token = () => b.jar.get("guichet_session");
    const session = await server.guichet.services.account.sessions.find(token());
    return {
      ...b,
      cookie,
      token,
      accountId: session!.accountId,
      download: (format: "json" | "html") => fetch(`${server.url}/api/account/mes-donnees.${format}`, { headers: { cookie: cookie() } }),
    };
  }

  describe("Mes données", () => {
    it("hands the session's owner everything held about them, as a JSON attachment without a secret", async () => {
      const who = citizen("donnees", { nomUsuel: "MARTIN" });
      const anne = await activeCitizen(who);
      // A démarche left unfinished, and a sign-up draft someone began with the same address.
      await anne.client.myspace.start.mutate({ kind: "supprimer-espace" });
      await walkTo(server.client, "credentials", { ...who, credentials: { ...who.credentials, username: "brouillon.donnees" } });

      const res = await anne.download("json");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
      const text = await res.text();
      const data = JSON.parse(text) as PersonalDataExport;

      expect(data.compte).toMatchObject({ nomUtilisateur: who.credentials.username, courriel: who.contacts.courriel, statut: "actif" });
      expect(data.compte.activeLe).not.toBeNull();
      expect(data.profil.map((p) => p.rubrique)).toEqual(expect.arrayContaining([fr.steps.identity, fr.steps.address, fr.steps.contacts]));
      const identity = data.profil.find((p) => p.rubrique === fr.steps.identity)!;
      expect(identity.valeurs).toMatchObject({ nomUsuel: "MARTIN", prenoms: "Marc", dateNaissance: expect.any(String) });
      expect(identity.lignes.length).toBeGreaterThan(3);
      expect(data.profil.find((p) => p.rubrique === fr.steps.address)!.valeurs).toMatchObject({ voie: who.address.voie, codePostal: "11150" });
      expect(data.profil.find((p) => p.rubrique === fr.steps.contacts)!.valeurs).toMatchObject({ courriel: who.contacts.courriel });
      expect(data.photo).toBeNull();
      expect(data.consentements).toEqual([expect.objectContaining({ objet: "Conditions générales d’utilisation", accepteLe: expect.any(String) })]);
      expect(data.connexions).toHaveLength(1);
      expect(data.demarchesDeMonEspace).toEqual([expect.objectContaining({ demarche: "Supprimer mon espace", etape: "CONFIRMATION", statut: "en cours" })]);
      expect(data.inscriptionsInachevees).toEqual([expect.objectContaining({ etape: fr.steps.credentials })]);
      expect(data.courriels).toEqual([expect.objectContaining({ objet: "Confirmation de création de votre espace citoyen", envoyeLe: expect.any(String) })]);
      expect(data.liensEtCodes.map((l) => l.objet).sort()).toEqual(["Code d’activation", "Lien d’activation"]);
      expect(data.responsableDuTraitement.nom).toBe(server.guichet.services.tenant.name);

      // No secret: neither the password, nor its hash, nor a token, a session's id or the flow's ids.
      const account = (await accountRepository(server.guichet.db).byId(anne.accountId))!;
      const held = (await personalDataRepository(server.guichet.db).heldAbout(anne.accountId, new Date()))!;
      for (const secret of [
        who.credentials.password,
        account.passwordHash,
        "$argon2",
        anne.token()!,
        held.account.flowId,
        ...held.demarches.map((d) => d.id),
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/hash|token|jeton|password/i);
    });

    it("lists every e-mail sent to the citizen, those to the address they had before a change included", async () => {
      const who = citizen("toutcourriel", { nomUsuel: "MARTIN" });
      const oldAddress = who.contacts.courriel;
      const newAddress = "toutcourriel.nouvelle@example.fr";
      const anne = await activeCitizen(who);
      // « Modifier mes coordonnées » with a new e-mail address: a receipt and a notice to the old one, a link to the new one.
      let view = await anne.client.myspace.start.mutate({ kind: "modifier-coordonnees" });
      for (const values of [who.address, { ...who.contacts, courriel: newAddress }, undefined]) {
        view = await anne.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
        expect(view.errors).toEqual({});
      }
      const confirm = (await mailsTo(newAddress)).find((m) => m.subject === "Confirmez votre nouvelle adresse électronique")!;
      await anne.client.account.confirmEmail.mutate({ jeton: linkIn(confirm.text ?? "", "confirmer-courriel").jeton });
      const sent = peer.received.filter((r) => r.rcptTo.includes(oldAddress) || r.rcptTo.includes(newAddress)).length;
      expect(sent).toBeGreaterThanOrEqual(4);

      const data = (await (await anne.download("json")).json()) as PersonalDataExport;
      expect(data.compte.courriel).toBe(newAddress);
      expect(data.courriels).toHaveLength(sent);
      expect(data.courriels.map((c) => c.objet)).toEqual(
        expect.arrayContaining([
          "Confirmation de création de votre espace citoyen",
          "Votre démarche a été enregistrée",
          "Votre adresse électronique va changer",
          "Confirmez votre nouvelle adresse électronique",
        ]),
      );
      expect(new Set(data.courriels.map((c) => c.adresse))).toEqual(new Set([oldAddress, newAddress]));
      expect(data.courriels.every((c) => c.envoyeLe !== null)).toBe(true);

      // The repository behind it says the same.
      const held = (await personalDataRepository(server.guichet.db).heldAbout(anne.accountId, new Date()))!;
      expect(held.mails).toHaveLength(sent);
    });

    it("draws the same document as a French page to read and print, as an attachment", async () => {
      const who = citizen("page", { nomUsuel: "PETIT" });
      const paul = await activeCitizen(who);
      const res = await paul.download("html");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="mes-donnees-\d{4}-\d{2}-\d{2}\.html"$/);
      const html = await res.text();
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain("<h1>Mes données</h1>");
      for (const heading of [
        "Votre compte",
        "IDENTITÉ",
        "ADRESSE",
        "MOYENS DE CONTACT",
        "Votre photo",
        "Vos clés de service",
        "Vos consentements",
        "Vos connexions en cours",
        "Courriels qui vous ont été adressés",
      ])
        expect(html).toContain(`>${heading}</h2>`);
      expect(html).toContain(who.credentials.username);
      expect(html).toContain("Confirmation de création de votre espace citoyen");
      expect(html).not.toContain("<script");
      expect(html).not.toContain("$argon2");
    });

    it("serves nobody without a session, and each session only its own account's data", async () => {
      for (const format of ["json", "html"]) {
        const res = await fetch(`${server.url}/api/account/mes-donnees.${format}`);
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: { message: string } }).error.message).toBe(accountMessages.login.sessionRequired);
        const forged = await fetch(`${server.url}/api/account/mes-donnees.${format}`, { headers: { cookie: "guichet_session=invente" } });
        expect(forged.status).toBe(401);
      }
      const one = await activeCitizen(citizen("seul1", { nomUsuel: "DURAND" }));
      const two = await activeCitizen(citizen("seul2", { nomUsuel: "LEROY" }));
      const theirs = await (await two.download("json")).text();
      expect(theirs).toContain("citoyen.seul2@example.fr");
      expect(theirs).not.toContain("citoyen.seul1@example.fr");
      expect(await (await one.download("json")).text()).not.toContain("citoyen.seul2@example.fr");
    });

    it("counts downloads per account: past the hour's allowance, a French refusal with Retry-After", async () => {
      const rita = await activeCitizen(citizen("quota", { nomUsuel: "ROUX" }));
      for (let i = 0; i < PERSONAL_DATA_DOWNLOADS_PER_HOUR; i++) expect((await rita.download(i % 2 ? "html" : "json")).status).toBe(200);
      const refused = await rita.download("json");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /^Vous avez déjà téléchargé vos données plusieurs fois\. Réessayez dans \d+\u00a0minutes?\.$/,
      );
      // Another account keeps its own allowance.
      expect((await (await activeCitizen(citizen("quota2", { nomUsuel: "BLANC" }))).download("json")).status).toBe(200);
    });
  });

  describe("Supprimer mon espace", () => {
    const next = (c: Awaited<ReturnType<typeof activeCitizen>>["client"], view: FlowView, values?: Record<string, unknown>) =>
      c.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });

    it("checks the password, then erases every row of the espace in one go, releases its keys, says so by e-mail and ends the session", async () => {
      // The Enfance service knows Marc SUPPR: the key he types is his, and is claimed by this account.
      const who = { ...citizen("suppression", { nomUsuel: "SUPPR" }), services: { keys: { enfance: ENFANCE_KEY } } };
      const marc = await activeCitizen(who);
      expect((await marc.client.account.me.query())?.services.find((s) => s.id === "enfance")).toMatchObject({ key: ENFANCE_KEY });
      expect(await marc.client.myspace.demarches.query()).toContainEqual({
        kind: "supprimer-espace",
        label: deleteAccountText.label,
        description: deleteAccountText.description,
      });
      const before = (await personalDataRepository(server.guichet.db).heldAbout(marc.accountId, new Date()))!;

      let view = await marc.client.myspace.start.mutate({ kind: "supprimer-espace" });
      expect(view.step).toBe("deleteAccount");
      expect(view.title).toBe("CONFIRMATION");
      expect(view.fields.map((f) => [f.name, f.kind])).toEqual([
        ["password", "password"],
        ["understood", "checkbox"],
      ]);
      expect(view.fields[1]!.label).toBe("Je comprends que mon espace et mes données seront supprimés");
      expect(view.fields[1]!.hint).toContain("Cette action est définitive");

      view = await next(marc.client, view, { password: "PasLeBon1975", understood: true });
      expect(view.step).toBe("deleteAccount");
      expect(view.errors).toEqual({ password: fr.deleteAccount.passwordWrong });
      expect(JSON.stringify(view)).not.toContain("PasLeBon1975");
      view = await next(marc.client, view, { password: who.credentials.password, understood: false });
      expect(view.errors).toEqual({ understood: fr.deleteAccount.mustUnderstand });
      view = await next(marc.client, view, { password: who.credentials.password, understood: true });
      expect(view.step).toBe("review");
      expect(view.review).toEqual([
        {
          step: "deleteAccount",
          title: "CONFIRMATION",
          items: [
            { label: "Mot de passe actuel", value: "vérifié" },
            { label: "Je comprends que mon espace et mes données seront supprimés", value: "Oui" },
          ],
        },
      ]);
      // Nothing typed reached the stored flow.
      const running = (await flowStore(server.guichet.db).unfinishedOfAccount(marc.accountId, new Date())).find((f) => f.kind === "supprimer-espace")!;
      expect(running.snapshot).not.toContain(who.credentials.password);

      view = await next(marc.client, view);
      expect(view.step).toBe("done");
      expect(view.status).toBe("done");
      expect(view.ending).toEqual([deleteAccountText.erased, deleteAccountText.sentTo("c••••@example.fr"), deleteAccountText.loggedOut]);

      // Every row: the account, its sign-up and démarches, its sessions, and the démarche itself.
      const db = server.guichet.db;
      expect(await accountRepository(db).byId(marc.accountId)).toBeUndefined();
      expect(await personalDataRepository(db).heldAbout(marc.accountId, new Date())).toBeUndefined();
      for (const flowId of [before.account.flowId, running.id]) expect(await flowStore(db).findById(flowId)).toBeUndefined();
      expect(await server.guichet.services.account.sessions.find(marc.token())).toBeUndefined();
      expect(await marc.client.account.me.query()).toBeNull();
      expect((await marc.download("json")).status).toBe(401);
      // The key is free again.
      expect((await serviceCitizenRepository(db).byKey("enfance", ENFANCE_KEY))?.claimedBy).toBeNull();

      const farewell = (await mailsTo(who.contacts.courriel)).filter((m) => m.subject === "Votre espace citoyen a été supprimé");
      expect(farewell).toHaveLength(1);
      expect(farewell[0]!.text).toContain("Votre espace citoyen a été supprimé à votre demande");

      // The login is refused as for any unknown name.
      expect(await refusal(browser(server).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }))).toEqual({
        code: "UNAUTHORIZED",
        message: accountMessages.login.wrong,
      });

      // A new sign-up of the same person gets the released key, and may even take the same username.
      const again = await activeCitizen({
        ...citizen("suppression", { nomUsuel: "SUPPR", courriel: "marc.nouveau@example.fr" }),
        services: { keys: { enfance: ENFANCE_KEY } },
      });
      expect((await again.client.account.me.query())?.services.find((s) => s.id === "enfance")).toMatchObject({ key: ENFANCE_KEY });
    });

    it("slows wrong passwords down as the login does, and the login feels them too", async () => {
      const who = citizen("essais", { nomUsuel: "MOREAU" });
      const eve = await activeCitizen(who);
      let view = await eve.client.myspace.start.mutate({ kind: "supprimer-espace" });
      for (let i = 0; i < 5; i++) {
        view = await next(eve.client, view, { password: `Mauvais${i}pass`, understood: true });
        expect(view.errors).toEqual({ password: fr.deleteAccount.passwordWrong });
      }
      // Even the right password now waits, and the login is refused as well.
      view = await next(eve.client, view, { password: who.credentials.password, understood: true });
      expect(view.step).toBe("deleteAccount");
      expect(view.errors.password).toBe(accountMessages.tooMany(60));
      expect(
        (await refusal(browser(server).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }))).code,
      ).toBe("TOO_MANY_REQUESTS");
      expect(await accountRepository(server.guichet.db).byId(eve.accountId)).toBeDefined();
    });
  });
});
