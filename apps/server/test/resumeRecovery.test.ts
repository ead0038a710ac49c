import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import { mailboxKey, powMessages, resumeMessages } from "@guichet/api";
import { fr } from "@guichet/schema";
import { citizen, linkIn, refusal, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { deviceClient } from "./liveClient";
import { startTestServer, walkTo, type TestServer } from "./testServer";

const ADDRESS = "perdu.brouillon@example.fr";

describe.each(testEngines)("Retrouver mon inscription, on %s", (engine) => {
  let server: TestServer;
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    // No worker: the test sends the outbox itself, then reads what the SMTP peer received.
    server = await startTestServer({ SMTP_URL: peer.url, GUICHET_WORKER: "off", PUBLIC_URL: "http://guichet.test" }, { engine });
  });
  afterAll(async () => {
    await server?.close();
    await peer?.close();
  });

  /** The e-mails the peer received for `address` (however spelt), with their text part. */
  async function received(address: string) {
    await server.guichet.outbox.drain();
    const parsed = await peer.parsed();
    return peer.received.map((r, i) => ({ to: r.rcptTo, mail: parsed[i]! })).filter((r) => r.to.some((to) => mailboxKey(to) === mailboxKey(address)));
  }

  it("e-mails a single-use link to each unfinished sign-up of the address, says the same for an unknown one, and keeps to the e-mail budget", async () => {
    const who = citizen("recover", { courriel: ADDRESS });
    const first = await walkTo(deviceClient(server.url, { ip: "198.51.100.21" }), "credentials", who);
    const second = await walkTo(deviceClient(server.url, { ip: "198.51.100.22" }), "services", {
      ...who,
      credentials: { ...who.credentials, username: "recover.two" },
    });
    // A finished sign-up of the same address has nothing to resume.
    await signUp(server, citizen("recover.done", { courriel: ADDRESS }));
    const before = (await received(ADDRESS)).length;

    const asker = deviceClient(server.url, { ip: "203.0.113.9" });
    const known = await asker.resume.recover.mutate({ email: ` ${ADDRESS.toUpperCase()} ` });
    const unknown = await asker.resume.recover.mutate({ email: "personne.inconnue@example.fr" });
    expect(known).toEqual(unknown);
    expect(known.message).toBe(resumeMessages.recoverySent);
    // The word the rest of Guichet uses (« courriels indésirables (spam) »), not « courriers ».
    expect(known.message).toContain("courriels indésirables (spam)");

    const mails = (await received(ADDRESS)).slice(before);
    expect(mails).toHaveLength(2);
    expect(await received("personne.inconnue@example.fr")).toHaveLength(0);
    for (const { mail } of mails) {
      expect(mail.subject).toBe("Retrouver votre inscription");
      expect(mail.html).toContain("Reprendre mon inscription");
    }
    const links = mails.map(({ mail }) => linkIn(mail.text ?? "", "reprendre"));
    for (const link of links) expect(link.url.startsWith("http://guichet.test/reprendre#jeton=")).toBe(true);

    // Each link opens its own flow at its step, on a new device, under a new token; the lost token opens nothing.
    const phone = deviceClient(server.url, { ip: "198.51.100.30" });
    const opened = await Promise.all(links.map((l) => phone.resume.redeemLink.mutate({ secret: l.jeton })));
    expect(opened.map((v) => v.step).sort()).toEqual(["credentials", "services"]);
    for (const view of opened) expect([first.token, second.token]).not.toContain(view.token);
    expect((await refusal(phone.flow.get.mutate({ token: first.token }))).code).toBe("NOT_FOUND");
    const atCredentials = opened.find((v) => v.step === "credentials")!;
    const next = await phone.flow.send.mutate({
      token: atCredentials.token,
      version: atCredentials.version,
      move: { type: "NEXT", values: { ...who.credentials, username: "recover.one" } },
    });
    expect(next.step).toBe("services");
    // Single use.
    expect(await refusal(phone.resume.redeemLink.mutate({ secret: links[0]!.jeton }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: resumeMessages.recoveryUsed,
    });

    // The address's hourly budget (3) was 2 spent: one more e-mail goes, then nothing, with the same answer.
    expect(await asker.resume.recover.mutate({ email: ADDRESS })).toEqual(known);
    expect(await asker.resume.recover.mutate({ email: ADDRESS })).toEqual(known);
    expect((await received(ADDRESS)).slice(before)).toHaveLength(3);
  });

  it("answers an address that is not one in French", async () => {
    expect(await refusal(server.client.resume.recover.mutate({ email: "pas-une-adresse" }))).toEqual({
      code: "UNPROCESSABLE_CONTENT",
      message: fr.contacts.courrielFormat,
    });
  });
});

describe("Retrouver mon inscription costs a proof of work", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_CAPTCHA: "pictures", GUICHET_WORKER: "off" });
  });
  afterAll(() => server?.close());

  it("is refused without one, as the other anonymous e-mails are", async () => {
    expect(await refusal(server.client.resume.recover.mutate({ email: ADDRESS }))).toEqual({ code: "PRECONDITION_REQUIRED", message: powMessages.required });
  });
});
