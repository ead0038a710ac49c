import { afterEach, expect, test } from "vitest";
import { startSmtpPeer } from "../testing/startSmtpPeer.js";
import { startStallingSmtpPeer } from "../testing/startStallingSmtpPeer.js";
import type { MailTransport } from "./MailTransport.js";
import { smtpTransport } from "./smtpTransport.js";

/**
 * Issue 21: a peer that answers EHLO then never MAIL FROM held a message 10 minutes (nodemailer's idle
 * timer), one that drips its EHLO answer a byte a second held it as long as it dripped. Each command
 * now has a deadline of its own, and each message an overall one, whatever bytes trickle in.
 */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const plain = (n: number) => ({ to: `citoyen${n}@example.fr`, subject: `Essai ${n}`, text: "Essai", html: "<p>Essai</p>" });

function transportTo(url: string): MailTransport {
  const transport = smtpTransport(url);
  cleanups.push(() => transport.close?.());
  return transport;
}

async function timed(send: Promise<void>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await send.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { ms: performance.now() - started, error };
}

test("a peer that answers EHLO and then never MAIL FROM: the send fails at the command's deadline", async () => {
  const bad = await startStallingSmtpPeer({ mode: "afterEhlo" });
  cleanups.push(() => bad.close());
  const transport = transportTo(`${bad.url}?commandTimeout=1000&messageTimeout=20000`);

  const { ms, error } = await timed(transport.send(plain(1)));
  console.log(`stalled after EHLO: the send failed after ${ms.toFixed(0)} ms (command deadline 1,000 ms)`);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/no answer/i);
  // Not a 5xx: the outbox retries it later.
  expect((error as { responseCode?: number }).responseCode).toBeUndefined();
  expect(ms).toBeGreaterThanOrEqual(900);
  expect(ms).toBeLessThan(5_000);
}, 15_000);

test("a peer that drips its EHLO answer: each byte no longer buys time, the command's deadline holds", async () => {
  const bad = await startStallingSmtpPeer({ mode: "drip", dripMs: 100 });
  cleanups.push(() => bad.close());
  const transport = transportTo(`${bad.url}?commandTimeout=1000&messageTimeout=20000`);

  const { ms, error } = await timed(transport.send(plain(1)));
  console.log(`EHLO dripped every 100 ms: the send failed after ${ms.toFixed(0)} ms (command deadline 1,000 ms)`);
  expect((error as Error).message).toMatch(/no answer/i);
  expect(ms).toBeLessThan(5_000);
}, 15_000);

test("the whole message has a deadline too, shorter than the sum of its commands' deadlines", async () => {
  const bad = await startStallingSmtpPeer({ mode: "drip", dripMs: 100 });
  cleanups.push(() => bad.close());
  const transport = transportTo(`${bad.url}?commandTimeout=20000&messageTimeout=1500`);

  const { ms, error } = await timed(transport.send(plain(1)));
  console.log(`EHLO dripped every 100 ms: the send failed after ${ms.toFixed(0)} ms (message deadline 1,500 ms)`);
  expect((error as Error).message).toMatch(/not accepted within/i);
  expect(ms).toBeGreaterThanOrEqual(1_400);
  expect(ms).toBeLessThan(6_000);
}, 15_000);

test("one stuck connection does not hold the others: messages go through the pool's other connections meanwhile", async () => {
  const good = await startSmtpPeer();
  const bad = await startStallingSmtpPeer({ mode: "afterEhlo", badConnections: 1, healthyUrl: good.url });
  cleanups.push(
    () => good.close(),
    () => bad.close(),
  );
  const transport = transportTo(`${bad.url}?commandTimeout=3000&messageTimeout=5000&maxConnections=2`);

  const started = performance.now();
  const stuck = timed(transport.send(plain(0)));
  await new Promise((resolve) => setTimeout(resolve, 100)); // the first message has the first (bad) connection
  const others = await Promise.all([1, 2, 3, 4].map((n) => timed(transport.send(plain(n)))));
  const othersMs = performance.now() - started;
  const first = await stuck;
  console.log(`4 messages sent in ${othersMs.toFixed(0)} ms while the first was stuck; it failed after ${first.ms.toFixed(0)} ms`);

  expect(others.map(({ error }) => error)).toEqual([undefined, undefined, undefined, undefined]);
  expect(good.received.flatMap((message) => message.rcptTo).sort()).toEqual([1, 2, 3, 4].map((n) => `citoyen${n}@example.fr`));
  expect(othersMs).toBeLessThan(first.ms);
  expect(first.error).toBeInstanceOf(Error);
  // The bound: never more than 2 connections at once, the stuck one included, then one more to replace it.
  expect(bad.connections()).toBeLessThanOrEqual(2);

  // The dead connection was dropped: the next message opens a good one.
  expect((await timed(transport.send(plain(5)))).error).toBeUndefined();
  expect(good.received).toHaveLength(5);
}, 20_000);
