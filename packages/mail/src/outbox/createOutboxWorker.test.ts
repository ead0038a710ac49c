import { afterEach, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { createMailRenderer, type MailRenderer } from "../render/createMailRenderer.js";
import { exampleTenant } from "../testing/exampleTenant.js";
import { inMemoryOutboxStore } from "../testing/inMemoryOutboxStore.js";
import { startSmtpPeer, type SmtpPeer } from "../testing/startSmtpPeer.js";
import { startStallingSmtpPeer } from "../testing/startStallingSmtpPeer.js";
import type { MailMessage, MailTransport } from "../transport/MailTransport.js";
import { smtpTransport } from "../transport/smtpTransport.js";
import { createOutboxWorker, type OutboxWorker } from "./createOutboxWorker.js";

const silent = { warn: () => {}, error: () => {} };
const resumeData = (n: number) => ({ resumeUrl: `https://guichet.ccplm.example/reprendre/${n}` });

let renderer: MailRenderer;
let clock = new Date("2026-03-02T09:00:00Z");
const now = () => clock;
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  renderer = await createMailRenderer();
});

beforeEach(() => {
  clock = new Date("2026-03-02T09:00:00Z");
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A transport that records what it is given and fails while `failing` is set. */
function recordingTransport() {
  const sent: MailMessage[] = [];
  const transport = {
    sent,
    failing: false,
    async send(message: MailMessage) {
      if (transport.failing) throw new Error("451 Service temporairement indisponible");
      sent.push(message);
    },
  };
  return transport;
}

function worker(options: {
  transport: MailTransport;
  store: ReturnType<typeof inMemoryOutboxStore>;
  pollMs?: number;
  batchSize?: number;
  backoff?: (attempts: number) => number;
  sender?: string;
}): OutboxWorker {
  const created = createOutboxWorker({ renderer, tenant: exampleTenant, now, log: silent, ...options });
  cleanups.push(() => created.stop());
  return created;
}

test("every message arrives exactly once when the SMTP peer refuses the first attempts", async () => {
  const peer: SmtpPeer = await startSmtpPeer({ refuseFirst: 7 });
  const transport = smtpTransport(peer.url);
  cleanups.push(
    () => peer.close(),
    () => transport.close?.(),
  );
  const store = inMemoryOutboxStore();
  for (let n = 1; n <= 5; n += 1) store.enqueue({ id: `m${n}`, template: "resume", to: `citoyen${n}@example.fr`, data: resumeData(n) }, clock);
  const outbox = worker({ store, transport, batchSize: 2 });

  for (let round = 0; round < 20 && store.rows().some((row) => !row.sentAt); round += 1) {
    await outbox.drain();
    later(5 * 60_000);
  }

  const recipients = peer.received.flatMap((message) => message.rcptTo).sort();
  expect(recipients).toEqual([1, 2, 3, 4, 5].map((n) => `citoyen${n}@example.fr`));
  expect(peer.attempts()).toBe(5 + 7);
  const messageIds = (await peer.parsed()).map((parsed) => parsed.messageId);
  expect(new Set(messageIds).size).toBe(5);
  expect(store.rows().every((row) => row.sentAt)).toBe(true);
});

test("a failed message is not tried again before its back-off has passed", async () => {
  const transport = recordingTransport();
  const store = inMemoryOutboxStore();
  store.enqueue({ template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  const outbox = worker({ store, transport });

  transport.failing = true;
  expect(await outbox.drain()).toEqual({ sent: 0, failed: 1, dead: 0 });
  transport.failing = false;
  later(999);
  expect(await outbox.drain()).toEqual({ sent: 0, failed: 0, dead: 0 });
  later(1);
  expect(await outbox.drain()).toEqual({ sent: 1, failed: 0, dead: 0 });
  expect(store.rows()[0]).toMatchObject({ attempts: 1, sentAt: clock });
});

test("a message sent but not marked sent is not sent again by the same worker", async () => {
  const transport = recordingTransport();
  const store = inMemoryOutboxStore({ leaseMs: 60_000 });
  store.enqueue({ template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  const markSent = store.markSent;
  store.markSent = vi.fn().mockRejectedValueOnce(new Error("database unreachable")).mockImplementation(markSent);
  const outbox = worker({ store, transport });

  await outbox.drain();
  later(61_000); // the claim's lease runs out: the store offers the message again
  await outbox.drain();

  expect(transport.sent).toHaveLength(1);
  expect(store.rows()[0]?.sentAt).toEqual(clock);
});

test("a row whose data does not fit its template becomes a dead letter at once, never sent nor retried", async () => {
  const transport = recordingTransport();
  const store = inMemoryOutboxStore();
  store.enqueue({ template: "resume", to: "citoyen@example.fr", data: { resumeUrl: "javascript:alert(1)" } }, clock);
  const outbox = worker({ store, transport });

  expect(await outbox.drain()).toEqual({ sent: 0, failed: 0, dead: 1 });
  later(3_600_000);
  expect(await outbox.drain()).toEqual({ sent: 0, failed: 0, dead: 0 });
  expect(transport.sent).toHaveLength(0);
  expect(store.rows()[0]).toMatchObject({ attempts: 1, lastError: "render: resume: field resumeUrl is not a valid url", deadAt: expect.any(Date), data: {} });
});

test("a message the SMTP server refuses for good (5xx) becomes a dead letter after one attempt", async () => {
  const peer = await startSmtpPeer({ refuseFirst: 1, refuseWith: 550 });
  const transport = smtpTransport(peer.url);
  cleanups.push(
    () => peer.close(),
    () => transport.close?.(),
  );
  const store = inMemoryOutboxStore();
  store.enqueue({ template: "resume", to: "inconnu@example.fr", data: resumeData(1) }, clock);
  const outbox = worker({ store, transport });

  expect(await outbox.drain()).toEqual({ sent: 0, failed: 0, dead: 1 });
  later(24 * 3_600_000);
  expect(await outbox.drain()).toEqual({ sent: 0, failed: 0, dead: 0 });
  expect(peer.attempts()).toBe(1);
  expect(store.rows()[0]).toMatchObject({ attempts: 1, deadAt: expect.any(Date), data: {} });
  expect(store.rows()[0]?.lastError).toMatch(/550/);
});

test("a message still failing a day after it was written stops being retried", async () => {
  const transport = recordingTransport();
  transport.failing = true;
  const store = inMemoryOutboxStore();
  const written = clock;
  store.enqueue({ template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  const outbox = worker({ store, transport, backoff: () => 3_600_000 });

  let tries = 0;
  for (let hour = 0; hour < 30; hour += 1) {
    const result = await outbox.drain();
    tries += result.failed + result.dead;
    later(3_600_000);
  }
  const row = store.rows()[0]!;
  expect(row.deadAt!.getTime() - written.getTime()).toBe(24 * 3_600_000);
  expect(tries).toBe(25); // hours 0 to 23 failed and were retried; hour 24 gave up
  expect(row.lastError).toMatch(/^still failing after 24 h: 451/);
});

test("From is MAIL_FROM with the tenant's name, and replies go to the tenant's address", async () => {
  const transport = recordingTransport();
  const store = inMemoryOutboxStore();
  store.enqueue({ template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  await worker({ store, transport, sender: "ne-pas-repondre@ccplm.example" }).drain();

  expect(transport.sent[0]?.from).toEqual({ name: exampleTenant.name, address: "ne-pas-repondre@ccplm.example" });
  expect(transport.sent[0]?.headers?.["Reply-To"]).toBe(exampleTenant.email);
});

test("stop waits for the batch in flight", async () => {
  let release!: () => void;
  const sending = new Promise<void>((resolve) => {
    release = resolve;
  });
  const send = vi.fn(() => sending);
  const store = inMemoryOutboxStore();
  store.enqueue({ id: "m1", template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  const outbox = worker({ store, transport: { send } });

  outbox.start();
  await vi.waitFor(() => expect(send).toHaveBeenCalledOnce());
  let stopped = false;
  const stopping = outbox.stop().then(() => {
    stopped = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(stopped).toBe(false);
  release();
  await stopping;
  expect(store.rows()[0]?.sentAt).toEqual(clock);
});

test("wake sends a new message without waiting for the next poll", async () => {
  const transport = recordingTransport();
  const store = inMemoryOutboxStore();
  const claimDue = vi.spyOn(store, "claimDue");
  const outbox = worker({ store, transport, pollMs: 60_000 });

  outbox.start();
  await vi.waitFor(() => expect(claimDue).toHaveBeenCalledOnce());
  await claimDue.mock.results[0]?.value;
  store.enqueue({ template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  outbox.wake();

  await vi.waitFor(() => expect(transport.sent).toHaveLength(1), { timeout: 2_000 });
});

test.each(["afterEhlo", "drip"] as const)(
  "a peer that stalls (%s) on one connection: the stuck e-mail fails at its deadline and is retried, the others are sent meanwhile",
  async (mode) => {
    const good = await startSmtpPeer();
    const bad = await startStallingSmtpPeer({ mode, badConnections: 1, healthyUrl: good.url, dripMs: 200 });
    const transport = smtpTransport(`${bad.url}?commandTimeout=2000&messageTimeout=4000&maxConnections=2`);
    cleanups.push(
      () => good.close(),
      () => bad.close(),
      () => transport.close?.(),
    );
    const store = inMemoryOutboxStore();
    store.enqueue({ id: "m0", template: "resume", to: "citoyen0@example.fr", data: resumeData(0) }, clock);
    const outbox = worker({ store, transport, pollMs: 60_000, backoff: () => 0 });

    const started = performance.now();
    outbox.start();
    await vi.waitFor(() => expect(bad.connections()).toBe(1));
    // Queued while m0 is stuck: claimed and sent at once, not after m0's deadline.
    for (let n = 1; n <= 4; n += 1) store.enqueue({ id: `m${n}`, template: "resume", to: `citoyen${n}@example.fr`, data: resumeData(n) }, clock);
    outbox.wake();
    await vi.waitFor(() => expect(good.received).toHaveLength(4), { timeout: 1_500 });
    const othersMs = performance.now() - started;
    expect(store.rows().find((row) => row.id === "m0")).toMatchObject({ attempts: 0 });

    // Failed and recorded (with a zero back-off, it may already be on its way again).
    await vi.waitFor(() => expect(store.rows().find((row) => row.id === "m0")?.attempts).toBe(1), { timeout: 8_000, interval: 10 });
    const stuckMs = performance.now() - started;
    console.log(`${mode}: 4 e-mails sent after ${othersMs.toFixed(0)} ms while the first was stuck; it failed after ${stuckMs.toFixed(0)} ms`);
    const stuck = store.rows().find((row) => row.id === "m0")!;
    expect(stuck.lastError).toMatch(/no answer|not accepted/i);
    expect(stuck.deadAt).toBeUndefined();
    expect(stuckMs).toBeLessThan(8_000);

    // Nothing lost: tried again, it goes through a good connection.
    outbox.wake();
    await vi.waitFor(() => expect(store.rows().every((row) => row.sentAt)).toBe(true), { timeout: 3_000 });
    expect(good.received.flatMap((message) => message.rcptTo).sort()).toEqual([0, 1, 2, 3, 4].map((n) => `citoyen${n}@example.fr`));
  },
  20_000,
);

test("a message offered again while it is still being sent (its claim ran out) is not sent twice", async () => {
  let release!: () => void;
  const sending = new Promise<void>((resolve) => {
    release = resolve;
  });
  const send = vi.fn(() => sending);
  const store = inMemoryOutboxStore({ leaseMs: 60_000 });
  store.enqueue({ id: "m1", template: "resume", to: "citoyen@example.fr", data: resumeData(1) }, clock);
  const outbox = worker({ store, transport: { send }, pollMs: 60_000 });

  outbox.start();
  await vi.waitFor(() => expect(send).toHaveBeenCalledOnce());
  later(61_000); // the claim runs out while the send is under way; a wake claims again
  const claimDue = vi.spyOn(store, "claimDue");
  outbox.wake();
  await vi.waitFor(() => expect(claimDue).toHaveBeenCalled());
  await claimDue.mock.results[0]?.value;
  release();
  await outbox.stop();

  expect(send).toHaveBeenCalledOnce();
  expect(store.rows()[0]?.sentAt).toEqual(clock);
});
