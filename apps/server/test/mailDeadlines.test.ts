import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startSmtpPeer, startStallingSmtpPeer } from "@guichet/mail/testing";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

/**
 * Issue 21: an SMTP server that answers EHLO then never MAIL FROM kept every other queued e-mail
 * waiting 10 minutes, one that drips its EHLO answer kept them as long as it dripped. Now the stuck
 * e-mail fails at its deadline and is retried, the others are claimed and sent meanwhile, and the
 * outbox's oldest-age metric shows the wait.
 */
function metric(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testEngines)("a misbehaving SMTP server, on %s", (engine) => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of opened.reverse()) await o.close();
    opened.length = 0;
  });

  async function queue(server: TestServer, n: number, createdAt: Date): Promise<string> {
    const id = randomUUID();
    await server.guichet.db.execute(
      "insert into outbox (id, template, recipient, data, attempts, next_attempt_at, claimed_until, sent_at, last_error, created_at) values (?, 'resume', ?, ?, 0, ?, null, null, null, ?)",
      [id, `citoyen${n}@example.fr`, JSON.stringify({ resumeUrl: `https://guichet.example.fr/reprendre/r${n}` }), createdAt, createdAt],
    );
    server.guichet.outbox.wake();
    return id;
  }

  it.each(["afterEhlo", "drip"] as const)(
    "stalling (%s) on one connection: the stuck e-mail fails within its deadline, the others are sent meanwhile, nothing is lost",
    async (mode) => {
      const good = await startSmtpPeer();
      opened.push(good);
      const bad = await startStallingSmtpPeer({ mode, badConnections: 1, healthyUrl: good.url, dripMs: 200 });
      opened.push(bad);
      const server = await startTestServer({ SMTP_URL: `${bad.url}?commandTimeout=4000&messageTimeout=6000&maxConnections=2`, METRICS_PORT: "0" }, { engine });
      opened.push(server);
      const metricsUrl = await server.guichet.metrics!.listen(0, "127.0.0.1");
      const scrape = async () => (await fetch(`${metricsUrl}/metrics`)).text();
      const row = async (id: string) =>
        (
          await server.guichet.db.execute<{ attempts: unknown; sent_at: unknown; dead_at: unknown; last_error: string | null }>(
            "select attempts, sent_at, dead_at, last_error from outbox where id = ?",
            [id],
          )
        )[0]!;

      const started = performance.now();
      const stuck = await queue(server, 0, new Date(Date.now() - 3_600_000));
      await vi.waitFor(() => expect(bad.connections()).toBe(1));
      for (let n = 1; n <= 3; n += 1) await queue(server, n, new Date());
      await vi.waitFor(() => expect(good.received).toHaveLength(3), { timeout: 3_500 });
      const othersMs = performance.now() - started;
      // While it is stuck, the metric shows the oldest e-mail waiting for an hour.
      // (The others are marked sent just after the peer accepts them.)
      await vi.waitFor(async () => {
        const during = await scrape();
        expect(metric(during, "guichet_outbox_depth")).toBe(1);
        expect(metric(during, "guichet_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(3_590);
      });
      expect(Number((await row(stuck)).attempts)).toBe(0);

      await vi.waitFor(async () => expect(Number((await row(stuck)).attempts)).toBe(1), { timeout: 12_000, interval: 20 });
      const failedMs = performance.now() - started;
      const failed = await row(stuck);
      console.log(
        `${engine}, ${mode}: 3 other e-mails sent after ${othersMs.toFixed(0)} ms; the stuck one failed after ${failedMs.toFixed(0)} ms (deadlines 4 s a command, 6 s a message)`,
      );
      expect(failed.last_error).toMatch(/no answer|not accepted/i);
      expect(failed.dead_at).toBeNull();
      expect(failedMs).toBeGreaterThan(othersMs);
      expect(failedMs).toBeLessThan(12_000);

      // Retried after its back-off, through a good connection: delivered, and the metric falls back to 0.
      await vi.waitFor(async () => expect((await row(stuck)).sent_at).not.toBeNull(), { timeout: 10_000, interval: 100 });
      expect(good.received.flatMap((message) => message.rcptTo).sort()).toEqual([0, 1, 2, 3].map((n) => `citoyen${n}@example.fr`));
      const after = await scrape();
      expect(metric(after, "guichet_outbox_depth")).toBe(0);
      expect(metric(after, "guichet_outbox_oldest_age_seconds")).toBe(0);
    },
    40_000,
  );
});
