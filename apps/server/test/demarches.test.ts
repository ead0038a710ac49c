import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import { demarcheMessages, mailboxKey } from "@guichet/api";
import { fr, maskEmail, type FlowView } from "@guichet/schema";
import { browser, citizen, linkIn, movableClock, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

const KIND = "modifier-coordonnees";
const HOUR = 3600_000;

describe.each(testEngines)("the démarches of Mon espace, on %s", (engine) => {
  let server: TestServer;
  let peer: SmtpPeer;
  const clock = movableClock();
  beforeAll(async () => {
    peer = await startSmtpPeer();
    // No worker: the test sends the outbox itself, then reads what the SMTP peer received.
    server = await startTestServer({ SMTP_URL: peer.url, GUICHET_WORKER: "off", PUBLIC_URL: "http://guichet.test" }, { engine, now: clock.now });
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  /** The e-mails the peer received for `address`, with their subject and text part. */
  async function received(address: string) {
    await server.guichet.outbox.drain();
    const parsed = await peer.parsed();
    return peer.received
      .map((r, i) => ({ to: r.rcptTo, subject: parsed[i]!.subject ?? "", text: parsed[i]!.text ?? "", html: String(parsed[i]!.html || "") }))
      .filter((r) => r.to.some((to) => mailboxKey(to) === mailboxKey(address)));
  }

  /** A citizen signed up, activated and logged in on a device of their own. */
  async function loggedIn(n: string) {
    const who = citizen(n);
    await signUp(server, who);
    const mail = (await received(who.contacts.courriel)).find((m) => m.subject.startsWith("Confirmation"))!;
    expect((await server.client.account.activate.mutate({ jeton: linkIn(mail.text, "activation").jeton })).status).toBe("activated");
    return { who, device: await login(who) };
  }
  async function login(who: ReturnType<typeof citizen>) {
    const device = browser(server);
    expect((await device.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password })).ok).toBe(true);
    return device.client;
  }
  const valueOf = (view: FlowView, name: string) => view.fields.find((f) => f.name === name)?.value;

  it("lists its démarches to a logged-in citizen only, and refuses a kind that is not one", async () => {
    const { device } = await loggedIn("menu");
    // In the order of the server's definitions; « Modifier mon identité » only where the tenant allows it.
    expect(await device.myspace.demarches.query()).toEqual([
      { kind: KIND, label: "Modifier mes coordonnées", description: expect.stringContaining("adresse") as unknown as string },
      { kind: "changer-mot-de-passe", label: "Changer mon mot de passe", description: expect.any(String) as unknown as string },
      { kind: "changer-adresse-electronique", label: "Changer mon adresse électronique", description: expect.any(String) as unknown as string },
      { kind: "supprimer-espace", label: "Supprimer mon espace", description: expect.stringContaining("Effacer") as unknown as string },
    ]);
    const anonymous = browser(server).client;
    expect((await refusal(anonymous.myspace.demarches.query())).code).toBe("UNAUTHORIZED");
    expect((await refusal(anonymous.myspace.start.mutate({ kind: KIND }))).code).toBe("UNAUTHORIZED");
    for (const kind of ["registration", "inconnue"]) {
      expect(await refusal(device.myspace.start.mutate({ kind }))).toEqual({ code: "NOT_FOUND", message: demarcheMessages.unknown });
    }
  });

  it("starts prefilled with the account's address and contacts, the sign-up's pages", async () => {
    const { who, device } = await loggedIn("prefill");
    const view = await device.myspace.start.mutate({ kind: KIND });
    expect(view).toMatchObject({ kind: KIND, status: "active", step: "address", title: fr.steps.address, progress: { current: 1, total: 3 } });
    expect(view.can).toEqual({ next: true, back: false, cancel: true });
    expect(valueOf(view, "voie")).toBe(who.address.voie);
    expect(valueOf(view, "codePostal")).toBe(who.address.codePostal);
    const contacts = await device.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: who.address } });
    expect(contacts.step).toBe("contacts");
    expect(valueOf(contacts, "courriel")).toBe(who.contacts.courriel);
    expect(valueOf(contacts, "telephone")).toBe(who.contacts.telephone);
    // A "Modifier" link only opens a step of its review.
    const review = await device.flow.send.mutate({ token: contacts.token, version: contacts.version, move: { type: "NEXT", values: who.contacts } });
    expect(review.review?.map((g) => g.step)).toEqual(["address", "contacts"]);
    const refused = await device.flow.send.mutate({ token: review.token, version: review.version, move: { type: "EDIT", step: "identity" } });
    expect(refused).toMatchObject({ step: "review", version: review.version, errors: { _form: fr.errors.wrongStep } });
  });

  it("keeps one unfinished démarche per kind when two devices start it at the same moment, and starts afresh once it has expired", async () => {
    const { who, device: phone } = await loggedIn("race");
    const laptop = await login(who);
    const [a, b] = await Promise.all([phone.myspace.start.mutate({ kind: KIND }), laptop.myspace.start.mutate({ kind: KIND })]);
    const pending = await laptop.myspace.pending.query();
    expect(pending.map((p) => p.kind)).toEqual([KIND]);
    // Both devices hold the one flow; the one that took it over last has the live token.
    const live = await Promise.all(
      [a, b].map((v) =>
        phone.flow.get.mutate({ token: v.token }).then(
          () => v.token,
          () => undefined,
        ),
      ),
    );
    expect(live.filter(Boolean)).toHaveLength(1);

    // Left until it expired: the next start is a new flow, not a refusal.
    clock.advance(31 * 24 * HOUR);
    const later = await login(who);
    const again = await later.myspace.start.mutate({ kind: KIND });
    expect(again).toMatchObject({ kind: KIND, step: "address", status: "active" });
    const after = await later.myspace.pending.query();
    expect(after).toHaveLength(1);
    expect(after[0]!.flowId).not.toBe(pending[0]!.flowId);
  });

  it("keeps one unfinished démarche per kind: starting again, or resuming on another device, moves it there and stops the old view", async () => {
    const { who, device: phone } = await loggedIn("resume");
    const started = await phone.myspace.start.mutate({ kind: KIND });
    const atContacts = await phone.flow.send.mutate({
      token: started.token,
      version: started.version,
      move: { type: "NEXT", values: { ...who.address, voie: "PLACE DE LA MAIRIE" } },
    });
    expect(atContacts.step).toBe("contacts");

    const laptop = await login(who);
    const pending = await laptop.myspace.pending.query();
    expect(pending).toEqual([
      {
        flowId: expect.any(String) as unknown as string,
        kind: KIND,
        title: "Modifier mes coordonnées",
        stepTitle: fr.steps.contacts,
        updatedAt: expect.any(String) as unknown as string,
      },
    ]);
    const resumed = await laptop.myspace.resume.mutate({ flowId: pending[0]!.flowId });
    expect(resumed).toMatchObject({ kind: KIND, step: "contacts", version: atContacts.version });
    expect(resumed.token).not.toBe(atContacts.token);
    // The phone's view stops: its token opens nothing any more.
    expect((await refusal(phone.flow.get.mutate({ token: atContacts.token }))).code).toBe("NOT_FOUND");
    const back = await laptop.flow.send.mutate({ token: resumed.token, version: resumed.version, move: { type: "BACK" } });
    expect(valueOf(back, "voie")).toBe("PLACE DE LA MAIRIE");

    // Starting the same démarche again resumes it, under yet another token.
    const again = await phone.myspace.start.mutate({ kind: KIND });
    expect(again).toMatchObject({ step: "address", version: back.version });
    expect((await refusal(laptop.flow.get.mutate({ token: back.token }))).code).toBe("NOT_FOUND");
    expect(await phone.myspace.pending.query()).toHaveLength(1);
  });

  it("lets only the owner resume or abandon a démarche; abandoning deletes it", async () => {
    const { device: owner } = await loggedIn("owner");
    const { device: stranger } = await loggedIn("stranger");
    const view = await owner.myspace.start.mutate({ kind: KIND });
    const flowId = (await owner.myspace.pending.query())[0]!.flowId;
    expect(await stranger.myspace.pending.query()).toEqual([]);
    expect(await refusal(stranger.myspace.resume.mutate({ flowId }))).toEqual({ code: "NOT_FOUND", message: demarcheMessages.notFound });
    expect(await refusal(stranger.myspace.abandon.mutate({ flowId }))).toEqual({ code: "NOT_FOUND", message: demarcheMessages.notFound });
    expect((await owner.flow.get.mutate({ token: view.token })).step).toBe("address");

    expect(await owner.myspace.abandon.mutate({ flowId })).toEqual({ message: demarcheMessages.abandoned });
    expect(await owner.myspace.pending.query()).toEqual([]);
    expect((await refusal(owner.flow.get.mutate({ token: view.token }))).code).toBe("NOT_FOUND");
    expect((await refusal(owner.myspace.resume.mutate({ flowId }))).code).toBe("NOT_FOUND");
  });

  it("serves a démarche to its owner's session only: its token alone, from another account or after the logout, finds nothing", async () => {
    const { who, device: owner } = await loggedIn("jetonseul");
    const { device: stranger } = await loggedIn("autrecompte");
    const view = await owner.myspace.start.mutate({ kind: KIND });
    const move = { token: view.token, version: view.version, move: { type: "NEXT" as const, values: { ...who.address, numero: "99" } } };
    for (const caller of [browser(server).client, stranger]) {
      expect((await refusal(caller.flow.get.mutate({ token: view.token }))).code).toBe("NOT_FOUND");
      expect((await refusal(caller.flow.send.mutate(move))).code).toBe("NOT_FOUND");
      expect((await refusal(caller.flow.cancel.mutate({ token: view.token, version: view.version }))).code).toBe("NOT_FOUND");
      expect((await refusal(caller.flow.watchTicket.mutate({ token: view.token }))).code).toBe("NOT_FOUND");
    }
    // Nothing moved; the owner's session moves it.
    expect((await owner.flow.send.mutate(move)).step).toBe("contacts");
    await owner.account.logout.mutate();
    expect((await refusal(owner.flow.get.mutate({ token: view.token }))).code).toBe("NOT_FOUND");
    // The sign-up's flows stay anonymous: their token is enough.
    expect((await browser(server).client.flow.get.mutate({ token: (await server.client.flow.start.mutate()).token })).step).toBe("welcome");
  });

  it("saves a new address at once; a new e-mail address counts only once the link sent to it is opened, and the old one is told", async () => {
    const { who, device } = await loggedIn("email");
    const oldAddress = who.contacts.courriel;
    const newAddress = "nouvelle.adresse.email@example.fr";
    let view = await device.myspace.start.mutate({ kind: KIND });
    for (const values of [{ ...who.address, numero: "2", voie: "PLACE DE LA MAIRIE" }, { ...who.contacts, courriel: newAddress }, undefined]) {
      view = await device.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
      expect(view.errors).toEqual({});
    }
    expect(view).toMatchObject({ kind: KIND, status: "done", step: "done" });
    expect(view.ending?.join(" ")).toContain(maskEmail(newAddress));
    expect(await device.myspace.pending.query()).toEqual([]);

    // Mon espace: the new address at once; the e-mail still the old one, the new one waiting.
    const me = (await device.account.me.query())!;
    const lines = me.groups.flatMap((g) => g.items);
    expect(lines.map((l) => l.value).join(" | ")).toMatch(/place de la mairie/i);
    expect(lines).toContainEqual({ label: demarcheMessages.pendingEmailLabel, value: demarcheMessages.pendingEmail(newAddress) });
    expect(me.pendingEmail).toBe(newAddress);
    const [row] = await server.guichet.db.execute<{ email: string }>("select email from account where username_key = ?", [who.credentials.username]);
    expect(row!.email).toBe(oldAddress);

    // The receipt and the notice go to the old address, the link to the new one, in its fragment.
    const toOld = await received(oldAddress);
    expect(toOld.map((m) => m.subject)).toEqual(expect.arrayContaining(["Votre démarche a été enregistrée", "Votre adresse électronique va changer"]));
    const receipt = toOld.find((m) => m.subject === "Votre démarche a été enregistrée")!;
    expect(receipt.html).toContain("Modifier mes coordonnées");
    expect(receipt.text).toMatch(/place de la mairie/i);
    // One field a line (the audit found 13 packed on one line), each « Libellé : valeur » with a no-break space.
    const fieldLines = receipt.text.split("\n").filter((l) => /^[^\s:]+[^:]*\u00a0: /.test(l));
    expect(fieldLines.length).toBeGreaterThanOrEqual(10);
    for (const line of fieldLines) expect(line.match(/\u00a0: /g)).toHaveLength(1);
    expect(receipt.text).not.toMatch(/ [:;?!»]/);
    const toNew = await received(newAddress);
    expect(toNew.map((m) => m.subject)).toEqual(["Confirmez votre nouvelle adresse électronique"]);
    const link = linkIn(toNew[0]!.text, "confirmer-courriel");
    expect(link.url.startsWith("http://guichet.test/confirmer-courriel#jeton=")).toBe(true);
    // Only its hash is stored.
    const secrets = await server.guichet.db.execute<{ hash: string }>("select hash from secret where kind = 'email-change'");
    expect(secrets.map((s) => s.hash)).not.toContain(link.jeton);

    const anonymous = browser(server).client;
    expect(await anonymous.account.confirmEmail.mutate({ jeton: link.jeton })).toEqual({
      status: "confirmed",
      message: demarcheMessages.emailConfirm.confirmed,
    });
    expect(await anonymous.account.confirmEmail.mutate({ jeton: link.jeton })).toEqual({ status: "used", message: demarcheMessages.emailConfirm.used });
    expect((await anonymous.account.confirmEmail.mutate({ jeton: "x".repeat(43) })).status).toBe("invalid");
    const after = (await device.account.me.query())!;
    expect(after.pendingEmail).toBeUndefined();
    expect(after.groups.flatMap((g) => g.items).map((l) => l.value)).toContain(newAddress);
    const [changed] = await server.guichet.db.execute<{ email: string }>("select email from account where username_key = ?", [who.credentials.username]);
    expect(changed!.email).toBe(newAddress);

    // The next démarche starts from the confirmed address.
    const next = await device.myspace.start.mutate({ kind: KIND });
    const contacts = await device.flow.send.mutate({ token: next.token, version: next.version, move: { type: "NEXT", values: { ...who.address } } });
    expect(valueOf(contacts, "courriel")).toBe(newAddress);
  });

  it("keeps the link 72 hours, and only the latest one counts", async () => {
    const { who, device } = await loggedIn("expiry");
    async function changeEmailTo(address: string) {
      let view = await device.myspace.start.mutate({ kind: KIND });
      for (const values of [who.address, { ...who.contacts, courriel: address }, undefined])
        view = await device.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
      expect(view.status).toBe("done");
      return linkIn((await received(address)).at(-1)!.text, "confirmer-courriel").jeton;
    }
    const first = await changeEmailTo("premiere.adresse@example.fr");
    const second = await changeEmailTo("seconde.adresse@example.fr");
    expect((await server.client.account.confirmEmail.mutate({ jeton: first })).status).toBe("used");
    clock.advance(72 * HOUR + 60_000);
    expect(await server.client.account.confirmEmail.mutate({ jeton: second })).toEqual({
      status: "expired",
      message: demarcheMessages.emailConfirm.expired,
    });
    // Both démarches send this link: the sentence names neither.
    expect(demarcheMessages.emailConfirm.expired).not.toMatch(/Modifier mes coordonnées|Changer mon adresse/);
    const [row] = await server.guichet.db.execute<{ email: string }>("select email from account where username_key = ?", [who.credentials.username]);
    expect(row!.email).toBe(who.contacts.courriel);
  });
});
