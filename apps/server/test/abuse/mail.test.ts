import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import type { FlowView } from "@guichet/schema";
import { accountMessages as m, mailboxKey } from "@guichet/api";
import { citizen, movableClock } from "../accountHelpers";
import { testEngines } from "../engines";
import { deviceClient, type DeviceClient } from "../liveClient";
import { signUpAnswers, startTestServer, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

/**
 * Issue 10, "turning Guichet into a mailer": every anonymous e-mail spends the e-mail budget
 * (production defaults here: 3 an hour and 10 a day per recipient, 20 an hour per client address),
 * past it nothing is queued, and the answer is the one of success. Mail is counted at a real SMTP peer.
 */
const VICTIM = "victime.dupont@example.fr";

/** A flow walked to AUTHENTIFICATION with `courriel` typed at MOYENS DE CONTACT, as a script would. */
async function flowNaming(client: DeviceClient, courriel: string): Promise<FlowView> {
  const who = citizen("x", { courriel });
  let view = await client.flow.start.mutate();
  view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
  for (const [step, values] of signUpAnswers(who).slice(0, 4)) {
    view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: values! } });
    expect(view.errors, `errors at ${step}`).toEqual({});
  }
  expect(view.step).toBe("credentials");
  return view;
}

/** A whole sign-up by script, naming `courriel`; the final screen is the same whether the address is known or not. */
async function signUpNaming(client: DeviceClient, n: string, courriel: string): Promise<FlowView> {
  let view = await client.flow.start.mutate();
  view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
  for (const [step, values] of signUpAnswers(citizen(n, { courriel }))) {
    view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });
    expect(view.errors, `errors at ${step}`).toEqual({});
  }
  return view;
}

/** Sends what the outbox holds, then the peer's messages to `address`'s mailbox (however spelt), with their subjects. */
async function delivered(servers: TestServer[], peer: SmtpPeer, address: string) {
  for (const s of servers) await s.guichet.outbox.drain();
  const parsed = await peer.parsed();
  return peer.received.map((r, i) => ({ to: r.rcptTo, subject: parsed[i]!.subject })).filter((r) => r.to.some((to) => mailboxKey(to) === mailboxKey(address)));
}

/** An account straight in the table, as a script would find many (older data, earlier sign-ups). */
async function pendingAccount(server: TestServer, email: string) {
  const id = randomUUID();
  await server.guichet.db.execute(
    "insert into account (id, username, username_key, password_hash, email, email_key, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at, activated_at) values (?, ?, ?, ?, ?, ?, 'Madame', 'MARTIN', 'Eve', '{}', 'pending', ?, ?, null)",
    [id, `u${id.slice(0, 8)}`, `u${id.slice(0, 8)}`, "$argon2id$x", email, email.toLowerCase(), randomUUID(), new Date()],
  );
}

describe.each(testEngines)("the e-mail budget, on %s", (engine) => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of opened.reverse()) await o.close();
    opened.length = 0;
    vi.restoreAllMocks();
  });
  async function peerAndServer(env: Record<string, string> = {}, options: { now?: () => Date } = {}) {
    const peer = await startSmtpPeer();
    opened.push(peer);
    const server = await startTestServer({ SMTP_URL: peer.url, ...env }, { engine, ...options });
    opened.push(server);
    return { peer, server };
  }

  it("resume.sendLink from 10 fresh flows naming one victim: 3 e-mails reach her, on two processes, and every call answers as a success", async () => {
    const { peer, server: a } = await peerAndServer();
    const b = await startTestServer({ SMTP_URL: peer.url, DATABASE_URL: a.guichet.settings.databaseUrl! });
    opened.push(b);
    // Each flow from an address of its own, half of them on each process, the address written as a script varies it.
    const spellings = [VICTIM, VICTIM.toUpperCase(), "victime.dupont+1@example.fr", ` ${VICTIM} `];
    const flows = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const client = deviceClient((i % 2 ? b : a).url, { ip: `203.0.113.${i + 1}` });
        return { client, view: await flowNaming(client, spellings[i % spellings.length]!) };
      }),
    );
    const { result: answers, latency } = await healthzDuring(a.url, async () => {
      const all = [];
      for (const { client, view } of flows) for (let k = 0; k < 3; k++) all.push(await client.resume.sendLink.mutate({ token: view.token }));
      return all;
    });
    console.log(`sendLink ×30 to one victim: /healthz p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    expect(latency.p99).toBeLessThan(200);
    // The same answer every time: nobody learns that the budget was spent.
    expect(answers).toHaveLength(30);
    expect(new Set(answers.map((x) => x.sentTo.toLowerCase()))).toEqual(new Set(["v•••@example.fr"]));

    const mails = await delivered([a, b], peer, VICTIM);
    expect(peer.received).toHaveLength(3);
    expect(mails.map((x) => x.subject)).toEqual(Array(3).fill("Reprendre votre inscription"));
    // Nothing waits to go later, and the counters hold no address.
    expect(await a.guichet.db.execute("select id from outbox where sent_at is null")).toHaveLength(0);
    const keys = JSON.stringify(await a.guichet.db.execute("select key from rate_limit where key like 'mail_%'"));
    expect(keys).not.toContain("victime");
    expect(keys).not.toContain("203.0.113.");
  });

  it("sends a recipient at most 10 e-mails a day, 3 an hour", async () => {
    const clock = movableClock();
    const { peer, server } = await peerAndServer({}, { now: clock.now });
    const flows = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const client = deviceClient(server.url, { ip: `198.51.100.${i + 1}` });
        return { client, view: await flowNaming(client, VICTIM) };
      }),
    );
    // Each flow may ask 3 times in its half hour; one flow per hour, for 6 hours.
    for (const { client, view } of flows) {
      for (let k = 0; k < 3; k++) expect(await client.resume.sendLink.mutate({ token: view.token })).toEqual({ sentTo: "v•••@example.fr" });
      clock.advance(61 * 60_000);
    }
    expect(await delivered([server], peer, VICTIM)).toHaveLength(10);
  });

  it("scripted sign-ups naming an existing account's address: the owner gets 3 notices an hour, and every script the same final screen", async () => {
    const { peer, server } = await peerAndServer();
    const owner = deviceClient(server.url, { ip: "192.0.2.50" });
    const first = await signUpNaming(owner, "proprio", VICTIM);
    expect(first.step).toBe("done");

    const { result: finals, latency } = await healthzDuring(server.url, async () => {
      const views = [];
      for (let i = 0; i < 6; i++) views.push(await signUpNaming(deviceClient(server.url, { ip: `203.0.113.${100 + i}` }), `script${i}`, VICTIM));
      return views;
    });
    console.log(`6 scripted sign-ups naming a known address: /healthz p99 ${latency.p99.toFixed(1)} ms`);
    expect(latency.p99).toBeLessThan(200);
    for (const view of finals) {
      expect(view.step).toBe("done");
      expect(view.fields).toEqual(first.fields);
    }
    const mails = await delivered([server], peer, VICTIM);
    expect(mails.map((x) => x.subject).sort()).toEqual([
      "Confirmation de création de votre espace citoyen",
      "Votre espace citoyen existe déjà",
      "Votre espace citoyen existe déjà",
      "Votre espace citoyen existe déjà",
    ]);
  });

  it("lets one client address ask for at most 20 e-mails an hour, whoever they go to; another address goes on", async () => {
    const { peer, server } = await peerAndServer();
    const addresses = Array.from({ length: 24 }, (_, i) => `compte${i}@example.fr`);
    for (const email of addresses) await pendingAccount(server, email);
    const sprayer = deviceClient(server.url, { ip: "203.0.113.200" });
    const answers = [];
    for (const [i, email] of addresses.entries()) {
      answers.push(
        i % 2
          ? await sprayer.account.resendActivation.mutate({ identifiant: email })
          : await sprayer.account.requestPasswordReset.mutate({ identifiant: email }),
      );
    }
    expect(new Set(answers.map((x) => x.message))).toEqual(new Set([m.activation.resent, m.reset.requested]));
    for (const s of [server]) await s.guichet.outbox.drain();
    expect(peer.received).toHaveLength(20);
    // The next address is not held back by the sprayer.
    await deviceClient(server.url, { ip: "192.0.2.77" }).account.requestPasswordReset.mutate({ identifiant: addresses[23]! });
    await server.guichet.outbox.drain();
    expect(peer.received).toHaveLength(21);
  });

  it("stops at the global hourly budget with one clear line in the log for the operator", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // The mechanism, with a budget small enough to reach: the default (500) is a setting like this one.
    const { peer, server } = await peerAndServer({ GUICHET_MAIL_GLOBAL_PER_HOUR: "5" });
    for (let i = 0; i < 8; i++) {
      await pendingAccount(server, `global${i}@example.fr`);
      const answer = await deviceClient(server.url, { ip: `198.51.100.${50 + i}` }).account.resendActivation.mutate({ identifiant: `global${i}@example.fr` });
      expect(answer.message).toBe(m.activation.resent);
    }
    await server.guichet.outbox.drain();
    expect(peer.received).toHaveLength(5);
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith("Budget d'e-mails atteint"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("GUICHET_MAIL_GLOBAL_PER_HOUR");
    expect(lines[0]).not.toContain("@");
  });
});
