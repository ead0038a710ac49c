import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowStore, openDatabase, type Database } from "@guichet/db";
import { purgeOnce, startPurger, SECRET_GRACE_MS, SENT_MAIL_KEPT_MS } from "../src/purge";
import { dropPostgresDatabase, freshPostgresDatabase, testEngines } from "./engines";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testEngines)("the purge on %s", (engine) => {
  let url: string;
  // Two handles on one database: two server processes purging at once.
  let one: Database;
  let two: Database;
  const now = new Date("2026-11-28T10:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);

  beforeAll(async () => {
    url = engine === "postgresql" ? await freshPostgresDatabase() : join(mkdtempSync(join(tmpdir(), "guichet-purge-")), "guichet.sqlite");
    one = await openDatabase(url);
    two = await openDatabase(url);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    if (engine === "postgresql") await dropPostgresDatabase(url);
  });

  const ids = async (db: Database, sql: string) => (await db.execute<{ id: string }>(sql)).map((r) => r.id).sort();

  async function flow(name: string, expiresAt: Date, status: "active" | "done" | "cancelled" = "active") {
    const id = `${name}-${randomUUID()}`.slice(0, 36);
    await flowStore(one).create(id, randomBytes(32).toString("hex"), { snapshot: "{}", machineVersion: 1, step: "terms", status, expiresAt }, at(-DAY));
    return id;
  }

  it("erases expired and cancelled flows with their captcha rows and photos, old secrets and sent mail, and keeps the rest", async () => {
    const live = await flow("live", at(DAY));
    const done = await flow("done", at(DAY), "done");
    const expired = await flow("expired", at(-1));
    const cancelled = await flow("cancelled", at(DAY), "cancelled");
    const captcha = (id: string, flowId: string, expiresAt: Date) =>
      one.execute("insert into captcha (id, flow_id, record, expires_at) values (?, ?, '{}', ?)", [id, flowId, expiresAt]);
    await captcha("c-live", live, at(HOUR));
    await captcha("c-live-expired", live, at(-1));
    await captcha("c-of-expired-flow", expired, at(HOUR));
    await captcha("c-of-cancelled-flow", cancelled, at(HOUR));
    await captcha("c-of-deleted-flow", randomUUID(), at(HOUR));
    const photo = (id: string, flowId: string) =>
      one.execute("insert into photo (id, flow_id, mime, data, created_at) values (?, ?, 'image/jpeg', ?, ?)", [id, flowId, Buffer.from([1, 2, 3]), at(-HOUR)]);
    await photo("p-live", live);
    await photo("p-done", done);
    await photo("p-of-expired-flow", expired);
    await photo("p-of-deleted-flow", randomUUID());
    // A finished sign-up whose flow has expired: its account keeps the photo.
    const signedUp = await flow("signed-up", at(-1), "done");
    await photo("p-of-account", signedUp);
    await one.execute(
      "insert into account (id, username, username_key, password_hash, email, email_key, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at, activated_at) values (?, 'u', 'u', 'h', 'e@example.fr', 'e@example.fr', 'Madame', 'N', 'P', '{}', 'active', ?, ?, null)",
      [randomUUID(), signedUp, at(-40 * DAY)],
    );
    const secret = (id: string, expiresAt: Date, usedAt: Date | null) =>
      one.execute("insert into secret (id, kind, hash, subject_id, expires_at, used_at, created_at) values (?, 'activation', ?, ?, ?, ?, ?)", [
        id,
        randomBytes(32).toString("hex"),
        randomUUID(),
        expiresAt,
        usedAt,
        at(-3 * DAY),
      ]);
    await secret("s-fresh", at(DAY), null);
    await secret("s-used-long-ago", at(DAY), at(-SECRET_GRACE_MS - 1));
    await secret("s-used-lately", at(DAY), at(-HOUR));
    await secret("s-expired-long-ago", at(-SECRET_GRACE_MS - 1), null);
    await secret("s-expired-lately", at(-HOUR), null);
    const mail = (id: string, sentAt: Date | null, deadAt: Date | null = null) =>
      one.execute(
        "insert into outbox (id, template, recipient, data, attempts, next_attempt_at, claimed_until, sent_at, last_error, created_at, dead_at) values (?, 'activation', 'a@example.fr', '{}', 0, ?, null, ?, null, ?, ?)",
        [id, at(-40 * DAY), sentAt, at(-40 * DAY), deadAt],
      );
    await mail("m-sent-long-ago", at(-SENT_MAIL_KEPT_MS - 1));
    await mail("m-sent-lately", at(-DAY));
    await mail("m-never-sent", null);
    await mail("m-dead-long-ago", null, at(-SENT_MAIL_KEPT_MS - 1));
    await mail("m-dead-lately", null, at(-DAY));
    await one.execute(
      "insert into session (id, account_id, created_at, last_seen_at, expires_at) values ('sess-old', 'a', ?, ?, ?), ('sess-live', 'a', ?, ?, ?)",
      [at(-DAY), at(-DAY), at(-1), at(-DAY), at(-1), at(HOUR)],
    );
    await one.execute("insert into rate_limit (key, points, expire) values ('rl-old', 3, ?), ('rl-live', 3, ?), ('rl-forever', 3, null)", [
      now.getTime() - 1,
      now.getTime() + HOUR,
    ]);
    await one.execute(
      "insert into resume_seal (secret_id, offer_id, flow_id, sealed, expires_at) values ('rs-old', 'o', ?, 'x', ?), ('rs-live', 'o', ?, 'x', ?)",
      [live, now.getTime() - 1, live, now.getTime() + HOUR],
    );

    // Both processes purge at the same moment: together they delete each row once, and nothing more.
    const [a, b] = await Promise.all([purgeOnce(one, now), purgeOnce(two, now)]);
    const total = Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof typeof a] + b[k as keyof typeof b]]));
    expect(total).toEqual({
      flows: 3,
      captchas: 4,
      photos: 2,
      secrets: 2,
      resumeSeals: 1,
      franceConnectLogins: 0,
      sessions: 1,
      rateLimits: 1,
      sentMails: 1,
      deadLetters: 1,
    });

    expect(await ids(one, "select id from flow")).toEqual([done, live].sort());
    expect(await ids(one, "select id from captcha")).toEqual(["c-live"]);
    expect(await ids(one, "select id from photo")).toEqual(["p-done", "p-live", "p-of-account"]);
    expect(await ids(one, "select id from secret")).toEqual(["s-expired-lately", "s-fresh", "s-used-lately"]);
    expect(await ids(one, "select id from outbox")).toEqual(["m-dead-lately", "m-never-sent", "m-sent-lately"]);
    expect(await ids(one, "select id from session")).toEqual(["sess-live"]);
    expect(await ids(one, "select key as id from rate_limit")).toEqual(["rl-forever", "rl-live"]);
    expect(await ids(one, "select secret_id as id from resume_seal")).toEqual(["rs-live"]);

    // Idempotent: once more finds nothing.
    expect(Object.values(await purgeOnce(two, now)).every((n) => n === 0)).toBe(true);
  });

  it("erases more than one batch, three processes at once", async () => {
    const expired = await flow("many", at(-1));
    const n = 1_234;
    for (let i = 0; i < n; i += 200) {
      const rows = Array.from({ length: Math.min(200, n - i) }, (_, j) => [`bulk-${i + j}`, expired, at(HOUR)]);
      await one.execute(`insert into captcha (id, flow_id, record, expires_at) values ${rows.map(() => "(?, ?, '{}', ?)").join(", ")}`, rows.flat());
    }
    const three = await openDatabase(url);
    try {
      const counts = await Promise.all([purgeOnce(one, now), purgeOnce(two, now), purgeOnce(three, now)]);
      expect(counts.reduce((s, c) => s + c.captchas, 0)).toBe(n);
      expect(counts.reduce((s, c) => s + c.flows, 0)).toBe(1);
      expect(await one.execute("select id from captcha where id like 'bulk-%'")).toEqual([]);
    } finally {
      await three.close();
    }
  });

  it("runs now and then in the background, and stops cleanly", async () => {
    const expired = await flow("timer", at(-1));
    const purger = startPurger(one, { now: () => now, intervalMs: 50 });
    await expect.poll(async () => (await one.execute("select id from flow where id = ?", [expired])).length, { timeout: 5_000 }).toBe(0);
    await purger.stop();
  });
});
