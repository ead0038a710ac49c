import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import { fr } from "@guichet/schema";
import { browser, citizen, codeIn, linkIn, movableClock, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";
import { deadLetters } from "../src/outboxStore";

/** Polls until `ready` holds: the outbox worker sends on its own, a moment after the account is written. */
async function until(ready: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testEngines)("e-mails over a real SMTP server, on %s", (engine) => {
  let server: TestServer | undefined;
  let peer: SmtpPeer | undefined;
  afterEach(async () => {
    await server?.close();
    await peer?.close();
    server = peer = undefined;
  });

  it("sends the activation e-mail with an HTML and a text part; its link activates and the citizen logs in", async () => {
    peer = await startSmtpPeer();
    server = await startTestServer({ SMTP_URL: peer.url, PUBLIC_URL: "http://guichet.test" }, { engine });
    const who = citizen("smtp");
    await signUp(server, who);

    await until(() => peer!.received.length === 1);
    const [mail] = await peer.parsed();
    expect(peer.received[0]!.rcptTo).toEqual([who.contacts.courriel]);
    expect(mail!.subject).toBe("Confirmation de création de votre espace citoyen");
    expect(mail!.html).toContain("Activer mon espace");
    // The username chosen at sign-up is repeated: the citizen logs in with it.
    expect(mail!.text).toContain(`Votre nom d’utilisateur\u00a0: ${who.credentials.username}`);
    expect(mail!.html).toContain(who.credentials.username);
    const link = linkIn(mail!.text ?? "", "activation");
    expect(link.url.startsWith("http://guichet.test/activation#jeton=")).toBe(true);
    // Handlebars escapes "=" in attributes and text alike.
    expect(mail!.html).toContain(link.url.replaceAll("=", "&#x3D;"));
    const code = codeIn(mail!.text ?? "");
    expect(code).toMatch(/^\d{6}$/);
    expect(mail!.html).toContain(code);

    const me = browser(server);
    const pending = await me.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
    expect(pending).toMatchObject({ ok: false, message: expect.stringContaining("pas encore activé") });
    // No session yet: only the device's cookie, by which logins are counted.
    expect(me.jar.hasSession()).toBe(false);

    const opened = await me.client.account.activate.mutate({ jeton: link.jeton });
    expect(opened).toMatchObject({
      status: "activated",
      username: who.credentials.username,
      message: "Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.",
    });

    const loggedIn = await me.client.account.login.mutate({ username: who.credentials.username.toUpperCase(), password: who.credentials.password });
    expect(loggedIn).toEqual({ ok: true, username: who.credentials.username });
    expect(me.setCookies.at(-1)).toMatch(/^guichet_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const espace = await me.client.account.me.query();
    expect(espace?.displayName).toBe("Monsieur Marc BOYET");
    expect(espace?.groups.map((g) => g.title)).toEqual([fr.steps.identity, fr.steps.address, fr.steps.contacts]);
    expect(espace?.groups[1]!.items).toContainEqual({ label: fr.address.voie, value: "Rue de la Poste" });
    expect(espace?.groups[2]!.items).toContainEqual({ label: fr.contacts.courriel, value: who.contacts.courriel });

    // Once sent, the outbox keeps no link: the secret lived only in the e-mail.
    const rows = await server.guichet.db.execute<{ data: string; sent_at: unknown }>("select data, sent_at from outbox");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toBe("{}");
  });

  it("delivers every message once when the SMTP server refuses for a while, then accepts", async () => {
    peer = await startSmtpPeer({ refuseFirst: 5 });
    const clock = movableClock();
    server = await startTestServer({ SMTP_URL: peer.url, GUICHET_WORKER: "off" }, { engine, now: clock.now });
    const people = ["r1", "r2", "r3"].map((n) => citizen(n));
    for (const who of people) await signUp(server, who);

    // Refused: each waits its back-off (1 s, 2 s, 4 s …), then is tried again; nothing is sent twice.
    let rounds = 0;
    while (peer.received.length < people.length && rounds++ < 20) {
      await server.guichet.outbox.drain();
      clock.advance(10_000);
    }
    for (let i = 0; i < 3; i++) {
      await server.guichet.outbox.drain();
      clock.advance(600_000);
    }
    expect(peer.attempts()).toBe(5 + people.length);
    const recipients = peer.received.flatMap((m) => m.rcptTo).sort();
    expect(recipients).toEqual(people.map((p) => p.contacts.courriel).sort());
    const ids = (await peer.parsed()).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(people.length);
    const pending = await server.guichet.db.execute("select id from outbox where sent_at is null");
    expect(pending).toHaveLength(0);
  });

  it("escapes what a citizen typed: a name like <img src=x onerror=alert(1)> arrives as text", async () => {
    peer = await startSmtpPeer();
    server = await startTestServer({ SMTP_URL: peer.url }, { engine });
    const hostile = "<img src=x onerror=alert(1)>";

    // The sign-up itself refuses such a name at IDENTITÉ…
    const c = server.client.flow;
    let view = await c.start.mutate();
    view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
    view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { accepted: true } } });
    const refused = await c.send.mutate({
      token: view.token,
      version: view.version,
      move: { type: "NEXT", values: { ...citizen("x").identity, nomUsuel: hostile } },
    });
    expect(refused.errors.nomUsuel).toBeTruthy();

    // …and an account that holds one anyway (older data, an import) still gets it escaped in every part.
    const id = randomUUID();
    await server.guichet.db.execute(
      "insert into account (id, username, username_key, password_hash, email, email_key, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at, activated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, null)",
      [id, "hostile", "hostile", "$argon2id$x", "hostile@example.fr", "hostile@example.fr", "Madame", hostile, "Eve", "{}", randomUUID(), new Date()],
    );
    await server.client.account.resendActivation.mutate({ identifiant: "hostile@example.fr" });
    await until(() => peer!.received.length === 1);
    const [mail] = await peer.parsed();
    expect(mail!.html).toContain("Bonjour Madame &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;,");
    expect(mail!.html).not.toMatch(/<img\b/i);
    expect(mail!.text).toContain(`Bonjour Madame ${hostile},`);
  });

  it("gives up an e-mail the server refuses for good (550), lists it for the operator, and sends the next ones", async () => {
    peer = await startSmtpPeer({ refuseFirst: 1, refuseWith: 550 });
    const clock = movableClock();
    server = await startTestServer({ SMTP_URL: peer.url, GUICHET_WORKER: "off", MAIL_FROM: "ne-pas-repondre@ccplm.example" }, { engine, now: clock.now });
    const [gone, next] = [citizen("gone"), citizen("next")];
    await signUp(server, gone);
    expect(await server.guichet.outbox.drain()).toEqual({ sent: 0, failed: 0, dead: 1 });
    await signUp(server, next);
    for (let hour = 0; hour < 3; hour++) {
      await server.guichet.outbox.drain();
      clock.advance(3_600_000);
    }

    expect(peer.attempts()).toBe(2);
    expect(peer.received.flatMap((m) => m.rcptTo)).toEqual([next.contacts.courriel]);
    const [mail] = await peer.parsed();
    expect(mail!.from?.value).toEqual([{ name: server.guichet.services.tenant.name, address: "ne-pas-repondre@ccplm.example" }]);
    expect(mail!.replyTo?.value).toEqual([{ name: "", address: server.guichet.services.tenant.email }]);
    const letters = await deadLetters(server.guichet.db);
    expect(letters).toEqual([
      expect.objectContaining({ template: "activation", recipient: gone.contacts.courriel, attempts: 1, lastError: expect.stringMatching(/550/) }),
    ]);
    // The link it carried is gone with it.
    const [row] = await server.guichet.db.execute<{ data: string }>("select data from outbox where dead_at is not null");
    expect(row!.data).toBe("{}");
  });
});
