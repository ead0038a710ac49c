import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { flowStore } from "../src/flowStore";
import type { Database } from "../src/openDatabase";
import {
  accountRepository,
  captchaRepository,
  flowNotifications,
  franceConnectLoginRepository,
  outboxRepository,
  personalDataRepository,
  photoRepository,
  purgeExpired,
  rateLimitRepository,
  resumeSealRepository,
  secretRepository,
  serviceCitizenRepository,
  sessionRepository,
} from "../src/repositories";
import { isUniqueViolation, transaction } from "../src/transaction";
import { ERASED_RECIPIENT } from "../src/repositories/personalDataRepository";
import { freshDatabase, testEngines } from "./engines";

/**
 * The conformance suite of the repositories: every function, on SQLite and on PostgreSQL, so that
 * what differs between the engines (locks, RETURNING, upserts, dates) is proved the same here, once.
 */
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Runs `work` on a database of its own, for statements that see every row of a table. */
async function withFreshDatabase(engine: "sqlite" | "postgresql", work: (db: Database) => Promise<void>) {
  const { db, drop } = await freshDatabase(engine);
  try {
    await work(db);
  } finally {
    await drop();
  }
}

const T0 = new Date("2026-11-20T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

const newAccount = (over: Partial<{ username: string; email: string; flowId: string; createdAt: Date }> = {}) => {
  const id = randomUUID();
  return {
    id,
    username: over.username ?? `Nom${id.slice(0, 8)}`,
    passwordHash: "$argon2id$x",
    email: over.email ?? `${id.slice(0, 8)}@Exemple.fr`,
    civilite: "Madame",
    nomUsuel: "Martin",
    prenoms: "Anne Marie",
    profile: JSON.stringify({ services: {} }),
    flowId: over.flowId ?? randomUUID(),
    createdAt: over.createdAt ?? T0,
  };
};

describe.each(testEngines)("the repositories on %s", (engine) => {
  let db: Database;
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, url, drop } = await freshDatabase(engine));
  });
  afterAll(async () => drop());

  describe("transaction", () => {
    it("writes everything its work wrote, or, when the work throws, nothing", async () => {
      const kept = newAccount();
      const lost = newAccount();
      await transaction(db, async (tx) => {
        await accountRepository(tx).insert(kept);
        await outboxRepository(tx).enqueue({ recipient: kept.email, template: "activation", data: { a: 1 }, at: T0 });
      });
      await expect(
        transaction(db, async (tx) => {
          await accountRepository(tx).insert(lost);
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(await accountRepository(db).byId(kept.id)).toBeDefined();
      expect(await accountRepository(db).byId(lost.id)).toBeUndefined();
    });

    it("hands back what its work returns, and tells a unique violation from other errors", async () => {
      const a = newAccount();
      expect(await transaction(db, async (tx) => (await accountRepository(tx).insert(a), "done"))).toBe("done");
      const again = await accountRepository(db)
        .insert({ ...newAccount(), username: a.username.toUpperCase() })
        .catch((e: unknown) => e);
      expect(isUniqueViolation(again)).toBe(true);
      expect(isUniqueViolation(new Error("unique"))).toBe(false);
    });
  });

  describe("accountRepository", () => {
    it("finds an account by id, username and address whatever their case, and by the flow that made it", async () => {
      const accounts = accountRepository(db);
      const a = newAccount();
      await accounts.insert(a);
      const expected = {
        id: a.id,
        username: a.username,
        email: a.email,
        civilite: "Madame",
        nomUsuel: "Martin",
        status: "pending",
        passwordHash: a.passwordHash,
        profile: a.profile,
      };
      expect(await accounts.byId(a.id)).toEqual(expected);
      expect(await accounts.byUsername(` ${a.username.toUpperCase()} `)).toEqual(expected);
      expect(await accounts.byEmail(a.email.toLowerCase())).toEqual(expected);
      expect(await accounts.byFlowId(a.flowId)).toEqual(expected);
      expect(await accounts.usernameTaken(a.username.toLowerCase())).toBe(true);
      expect(await accounts.usernameTaken("personne")).toBe(false);
      expect(await accounts.byId(randomUUID())).toBeUndefined();
    });

    it("gives the oldest account of an address shared by two", async () => {
      const email = `${randomUUID().slice(0, 8)}@exemple.fr`;
      const younger = newAccount({ email, createdAt: at(HOUR) });
      const older = newAccount({ email: email.toUpperCase(), createdAt: T0 });
      await accountRepository(db).insert(younger);
      await accountRepository(db).insert(older);
      expect((await accountRepository(db).byEmail(email))?.id).toBe(older.id);
    });

    it("activates a pending account once, and changes its password and profile", async () => {
      const accounts = accountRepository(db);
      const a = newAccount();
      await accounts.insert(a);
      expect(await accounts.activate(a.id, T0)).toBe(true);
      expect(await accounts.activate(a.id, T0)).toBe(false);
      await accounts.setPasswordHash(a.id, "$argon2id$y");
      const profile = await transaction(db, async (tx) => {
        const current = await accountRepository(tx).profileForUpdate(a.id);
        await accountRepository(tx).setProfile(a.id, '{"services":{"enfance":{"key":"K"}}}');
        return current;
      });
      expect(profile).toBe(a.profile);
      expect(await accounts.byId(a.id)).toMatchObject({ status: "active", passwordHash: "$argon2id$y", profile: '{"services":{"enfance":{"key":"K"}}}' });
      expect(await accounts.profileForUpdate(randomUUID())).toBeUndefined();
    });
  });

  describe("secretRepository", () => {
    it("finds a secret by hash and kind (and subject), with its dates", async () => {
      const secrets = secretRepository(db);
      const subject = randomUUID();
      const hash = randomUUID();
      const id = await secrets.insert({ kind: "reset", hash, subjectId: subject, expiresAt: at(HOUR), createdAt: T0 });
      expect(await secrets.find(hash, "reset")).toEqual({ id, subjectId: subject, expiresAt: at(HOUR), usedAt: null });
      expect(await secrets.find(hash, "reset", subject)).toBeDefined();
      expect(await secrets.find(hash, "reset", randomUUID())).toBeUndefined();
      expect(await secrets.find(hash, "activation")).toBeUndefined();
      const chosen = randomUUID();
      expect(await secrets.insert({ id: chosen, kind: "x", hash: randomUUID(), subjectId: subject, expiresAt: at(HOUR), createdAt: T0 })).toBe(chosen);
    });

    it("lets one of many simultaneous claims spend a secret, and none spend an expired one", async () => {
      const secrets = secretRepository(db);
      const hash = randomUUID();
      const id = await secrets.insert({ kind: "reset", hash, subjectId: randomUUID(), expiresAt: at(HOUR), createdAt: T0 });
      expect(await secrets.claim(id, at(2 * HOUR), at(2 * HOUR))).toBe(false);
      const results = await Promise.all(Array.from({ length: 5 }, () => secrets.claim(id, at(1000), at(1000))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await secrets.find(hash, "reset"))?.usedAt).toEqual(at(1000));
      expect(await secrets.claim(id, at(2000))).toBe(false);
      const other = await secrets.insert({ kind: "reset", hash: randomUUID(), subjectId: randomUUID(), expiresAt: at(-HOUR), createdAt: T0 });
      expect(await secrets.claim(other, T0)).toBe(true);
    });

    it("claims a live secret by its hash in one statement", async () => {
      const secrets = secretRepository(db);
      const subject = randomUUID();
      const hash = randomUUID();
      const id = await secrets.insert({ kind: "ticket", hash, subjectId: subject, expiresAt: at(60_000), createdAt: T0 });
      expect(await secrets.claimByHash(hash, "ticket", at(61_000))).toBeUndefined();
      expect(await secrets.claimByHash(hash, "ticket", T0)).toEqual({ id, subjectId: subject });
      expect(await secrets.claimByHash(hash, "ticket", T0)).toBeUndefined();
    });

    it("spends a subject's secrets of some kinds, or an offer's; deletes a kind, or the long expired", async () => {
      const secrets = secretRepository(db);
      const subject = randomUUID();
      const make = (kind: string, expiresAt = at(HOUR)) => secrets.insert({ kind, hash: randomUUID(), subjectId: subject, expiresAt, createdAt: T0 });
      const ids = { link: await make("activation"), code: await make("activation-code"), reset: await make("reset") };
      await secrets.spendAll(subject, ["activation", "activation-code"], at(5));
      const used = async () =>
        (await db.execute<{ id: string }>("select id from secret where subject_id = ? and used_at is not null", [subject])).map((r) => r.id).sort();
      expect(await used()).toEqual([ids.link, ids.code].sort());

      const offerId = randomUUID();
      const sealed = await make("resume-code");
      await resumeSealRepository(db).insert({ secretId: sealed, offerId, flowId: subject, sealed: "s", expiresAt: at(HOUR) });
      await secrets.spendOffer(offerId, at(6));
      expect(await used()).toContain(sealed);
      expect(await used()).not.toContain(ids.reset);

      await secrets.deleteForSubject(subject, "activation-code");
      const old = await make("resume-link", at(-2 * HOUR));
      await secrets.deleteExpired(["resume-code", "resume-link"], at(-HOUR));
      const left = (await db.execute<{ id: string }>("select id from secret where subject_id = ?", [subject])).map((r) => r.id);
      expect(left).not.toContain(ids.code);
      expect(left).not.toContain(old);
      expect(left).toContain(sealed);
    });
  });

  describe("outboxRepository", () => {
    it("claims due messages once until the lease ends, and never the same one twice at once", () =>
      withFreshDatabase(engine, async (db) => {
        const outbox = outboxRepository(db);
        const due = at(10 * HOUR);
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push(await outbox.enqueue({ recipient: `r${i}@exemple.fr`, template: "activation", data: { i }, at: due }));
        const claims = await Promise.all([0, 1, 2].map(() => outbox.claimDue(due, 4, at(10 * HOUR + 60_000))));
        const claimed = claims.flat().map((m) => m.id);
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed.sort()).toEqual([...ids].sort());
        expect(claims.flat()[0]).toMatchObject({ template: "activation", attempts: 0, createdAt: due });
        expect(JSON.parse(claims.flat().find((m) => m.id === ids[0])!.data)).toEqual({ i: 0 });
        expect(await outbox.claimDue(at(10 * HOUR + 1000), 10, at(11 * HOUR))).toEqual([]);
        const again = await outbox.claimDue(at(10 * HOUR + 61_000), 10, at(11 * HOUR));
        expect(again.map((m) => m.id).sort()).toEqual([...ids].sort());
        for (const id of ids) await outbox.markSent(id, at(10 * HOUR + 62_000));
      }));

    it("records a failure for later, a sent message without its data, and lists dead letters newest first", () =>
      withFreshDatabase(engine, async (db) => {
        const outbox = outboxRepository(db);
        const t = at(20 * HOUR);
        const failed = await outbox.enqueue({ recipient: "a@exemple.fr", template: "resume", data: { secret: "s" }, at: t });
        await outbox.claimDue(t, 10, at(20 * HOUR + 60_000));
        await outbox.markFailed(failed, "x".repeat(3000), at(21 * HOUR));
        expect(await outbox.claimDue(at(20 * HOUR + 30 * 60_000), 10, at(22 * HOUR))).toEqual([]);
        const retried = await outbox.claimDue(at(21 * HOUR), 10, at(21 * HOUR + 60_000));
        expect(retried.map((m) => [m.id, m.attempts])).toEqual([[failed, 1]]);
        await outbox.markSent(failed, at(21 * HOUR));
        const stored = await db.execute<{ data: string; last_error: string }>("select data, last_error from outbox where id = ?", [failed]);
        expect(stored[0]).toEqual({ data: "{}", last_error: "x".repeat(2000) });

        const older = await outbox.enqueue({ recipient: "b@exemple.fr", template: "resume", data: {}, at: t });
        const newer = await outbox.enqueue({ recipient: "c@exemple.fr", template: "resume", data: {}, at: t });
        await outbox.markDead(older, "boom", at(22 * HOUR));
        await outbox.markDead(newer, "bang", at(23 * HOUR));
        const dead = await outbox.deadLetters(2);
        expect(dead).toEqual([
          { id: newer, template: "resume", recipient: "c@exemple.fr", attempts: 1, createdAt: t, deadAt: at(23 * HOUR), lastError: "bang" },
          { id: older, template: "resume", recipient: "b@exemple.fr", attempts: 1, createdAt: t, deadAt: at(22 * HOUR), lastError: "boom" },
        ]);
        expect(await outbox.claimDue(at(30 * HOUR), 10, at(31 * HOUR))).toEqual([]);
      }));
  });

  describe("sessionRepository", () => {
    it("finds a live session, slides it, and ends one, an account's all, or the ended", async () => {
      const sessions = sessionRepository(db);
      const account = randomUUID();
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await sessions.insert({ id: a, accountId: account, at: T0, expiresAt: at(HOUR) });
      await sessions.insert({ id: b, accountId: account, at: T0, expiresAt: at(HOUR) });
      await sessions.insert({ id: c, accountId: randomUUID(), at: T0, expiresAt: at(HOUR) });
      expect(await sessions.findLive(a, at(1000))).toEqual({ accountId: account, createdAt: T0, lastSeenAt: T0 });
      expect(await sessions.findLive(a, at(HOUR))).toBeUndefined();
      await sessions.touch(a, at(30 * 60_000), at(2 * HOUR));
      expect(await sessions.findLive(a, at(HOUR))).toEqual({ accountId: account, createdAt: T0, lastSeenAt: at(30 * 60_000) });
      await sessions.delete(a);
      expect(await sessions.findLive(a, T0)).toBeUndefined();
      await sessions.deleteForAccount(account);
      expect(await sessions.findLive(b, T0)).toBeUndefined();
      expect(await sessions.findLive(c, T0)).toBeDefined();
      await sessions.deleteEnded(at(HOUR));
      expect(await sessions.findLive(c, T0)).toBeUndefined();
    });
  });

  describe("rateLimitRepository", () => {
    it("adds points within a window, starts a new one after it, and replaces on demand", async () => {
      const limits = rateLimitRepository(db);
      const key = `k:${randomUUID()}`;
      const t = T0.getTime();
      expect(await limits.add(key, 1, t + 1000, t)).toEqual({ points: 1, expire: t + 1000 });
      expect(await limits.add(key, 2, t + 1500, t + 500)).toEqual({ points: 3, expire: t + 1000 });
      expect(await limits.get(key, t + 999)).toEqual({ points: 3, expire: t + 1000 });
      expect(await limits.get(key, t + 1000)).toBeUndefined();
      expect(await limits.add(key, 1, t + 3000, t + 2000)).toEqual({ points: 1, expire: t + 3000 });
      expect(await limits.add(key, 7, null, t + 2000, true)).toEqual({ points: 7, expire: null });
      expect(await limits.add(key, 1, t + 9000, t + 1e9)).toEqual({ points: 8, expire: null });
      expect(await limits.delete(key)).toBe(true);
      expect(await limits.delete(key)).toBe(false);
    });

    it("counts simultaneous points without losing one", async () => {
      const limits = rateLimitRepository(db);
      const key = `k:${randomUUID()}`;
      const t = T0.getTime();
      await Promise.all(Array.from({ length: 10 }, () => limits.add(key, 1, t + 60_000, t)));
      expect(await limits.get(key, t)).toEqual({ points: 10, expire: t + 60_000 });
    });

    it("writes a key once only, and forgets ended windows", async () => {
      const limits = rateLimitRepository(db);
      const key = `pow:${randomUUID()}`;
      const t = T0.getTime();
      const results = await Promise.all([0, 1, 2].map(() => limits.insertOnce(key, t + 1000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      await limits.add(`forever:${key}`, 1, null, t);
      await limits.deleteEnded(t + 1000);
      expect(await limits.get(key, 0)).toBeUndefined();
      expect(await limits.get(`forever:${key}`, t + 1e9)).toEqual({ points: 1, expire: null });
    });
  });

  describe("captchaRepository", () => {
    it("keeps a challenge's record, lets one answer claim it, and remembers the view shown", async () => {
      const captchas = captchaRepository(db);
      const flowId = randomUUID();
      const id = randomUUID();
      await captchas.insert({ id, flowId, record: '{"v":1}', expiresAt: at(HOUR) });
      expect(await captchas.record(id)).toBe('{"v":1}');
      expect(await captchas.shownView(flowId, T0)).toBeUndefined();
      await captchas.setView(id, '{"prompt":"p"}');
      expect(await captchas.shownView(flowId, T0)).toBe('{"prompt":"p"}');
      expect(await captchas.shownView(flowId, at(HOUR))).toBeUndefined();
      const answers = await Promise.all([0, 1, 2].map((i) => captchas.updateUnused(id, `{"v":${i + 2}}`, true)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await captchas.shownView(flowId, T0)).toBeUndefined();
      expect(await captchas.updateUnused(id, "{}", false)).toBe(false);
      await captchas.delete(id);
      expect(await captchas.record(id)).toBeUndefined();
    });

    it("shows the newest open view of a flow", async () => {
      const captchas = captchaRepository(db);
      const flowId = randomUUID();
      for (const [i, ms] of [
        [1, HOUR],
        [2, 2 * HOUR],
      ] as const) {
        const id = randomUUID();
        await captchas.insert({ id, flowId, record: "{}", expiresAt: at(ms) });
        await captchas.setView(id, `{"n":${i}}`);
      }
      expect(await captchas.shownView(flowId, T0)).toBe('{"n":2}');
    });
  });

  describe("photoRepository", () => {
    it("hands a photo back byte for byte, only through its flow", async () => {
      const photos = photoRepository(db);
      const flowId = randomUUID();
      const data = Buffer.from([0xff, 0xd8, 0x00, 0x01, 0xfe, 0xd9]);
      await photos.insert({ id: "p" + randomUUID(), flowId, mime: "image/jpeg", data, createdAt: T0 });
      const id = (await db.execute<{ id: string }>("select id from photo where flow_id = ?", [flowId]))[0]!.id;
      const read = await photos.read(id, flowId);
      expect(read?.mime).toBe("image/jpeg");
      expect(Buffer.compare(Buffer.from(read!.data), data)).toBe(0);
      expect(await photos.read(id, randomUUID())).toBeUndefined();
      expect(await photos.exists(id, flowId)).toBe(true);
      expect(await photos.exists(id, randomUUID())).toBe(false);
    });
  });

  describe("serviceCitizenRepository", () => {
    it("imports a record by its key (twice is once), matches unclaimed ones, and lets one account claim a key", async () => {
      const registry = serviceCitizenRepository(db);
      const serviceId = `s${randomUUID().slice(0, 8)}`;
      expect(await registry.hasAny(serviceId)).toBe(false);
      const record = { serviceId, key: "ENF-1", nomKey: "martin", prenomsKey: "anne", dateNaissance: "1990-12-12", email: null };
      await registry.upsert(record);
      await registry.upsert({ ...record, prenomsKey: "anne marie" });
      await registry.upsert({ ...record, key: "ENF-2", nomKey: "durand" });
      expect(await registry.hasAny(serviceId)).toBe(true);
      expect(await registry.byKey(serviceId, "ENF-1")).toEqual({
        key: "ENF-1",
        nomKey: "martin",
        prenomsKey: "anne marie",
        dateNaissance: "1990-12-12",
        claimedBy: null,
      });
      expect((await registry.unclaimedCandidates(serviceId, "1990-12-12", ["martin", "durand"])).map((r) => r.key).sort()).toEqual(["ENF-1", "ENF-2"]);
      expect(await registry.unclaimedCandidates(serviceId, "1990-12-12", [])).toEqual([]);
      const accounts = [randomUUID(), randomUUID(), randomUUID()];
      const claims = await Promise.all(accounts.map((a) => registry.claim(serviceId, "ENF-1", a)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const owner = accounts[claims.indexOf(true)];
      await registry.upsert(record);
      expect((await registry.byKey(serviceId, "ENF-1"))?.claimedBy).toBe(owner);
      expect((await registry.unclaimedCandidates(serviceId, "1990-12-12", ["martin"])).map((r) => r.key)).toEqual([]);
      expect(await registry.claim(serviceId, "ENF-404", accounts[0]!)).toBe(false);
    });
  });

  describe("resumeSealRepository", () => {
    it("gives a seal to one taker, and deletes an offer's seals or the expired", async () => {
      const seals = resumeSealRepository(db);
      const offerId = randomUUID();
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await seals.insert({ secretId: a, offerId, flowId: randomUUID(), sealed: "sa", expiresAt: at(HOUR) });
      await seals.insert({ secretId: b, offerId, flowId: randomUUID(), sealed: "sb", expiresAt: at(HOUR) });
      await seals.insert({ secretId: c, offerId: randomUUID(), flowId: randomUUID(), sealed: "sc", expiresAt: at(HOUR) });
      expect(await seals.bySecret(a)).toEqual({ offerId, sealed: "sa" });
      const takes = await Promise.all([0, 1, 2].map(() => seals.take(a)));
      expect(takes.filter((t) => t !== undefined)).toEqual(["sa"]);
      await seals.deleteOffer(offerId);
      expect(await seals.bySecret(b)).toBeUndefined();
      await seals.deleteExpired(at(HOUR));
      expect(await seals.bySecret(c)).toEqual({ offerId: expect.any(String), sealed: "sc" });
      await seals.deleteExpired(at(HOUR + 1));
      expect(await seals.bySecret(c)).toBeUndefined();
    });
  });

  describe("personalDataRepository", () => {
    /** An account with a row in every table that can hold something about it, and a stranger beside it. */
    async function accountWithEverything(fresh: Database) {
      const signUp = randomUUID();
      const a = newAccount({ email: "Anne_Martin@Exemple.fr", flowId: signUp });
      const other = newAccount();
      const flows = flowStore(fresh);
      const write = (kind: string, snapshot: unknown) => ({
        kind,
        snapshot: JSON.stringify(snapshot),
        machineVersion: 1,
        step: "review",
        status: "active" as const,
        expiresAt: at(HOUR),
      });
      await accountRepository(fresh).insert(a);
      await accountRepository(fresh).insert(other);
      await flows.create(signUp, `h${signUp}`, { ...write("registration", {}), status: "done" }, T0);
      const demarche = randomUUID();
      await flows.create(demarche, `h${demarche}`, write("modifier-coordonnees", { context: { answers: { x: 1 } } }), T0, a.id);
      const draft = randomUUID();
      // Another sign-up given the same address in other letters: a draft of hers; one given a look-alike is not.
      await flows.create(draft, `h${draft}`, write("registration", { context: { answers: { contacts: { courriel: "anne_martin@exemple.FR" } } } }), T0);
      const lookAlike = randomUUID();
      await flows.create(lookAlike, `h${lookAlike}`, write("registration", { context: { answers: { contacts: { courriel: "anneXmartin@exemple.fr" } } } }), T0);
      await photoRepository(fresh).insert({ id: `p${signUp}`, flowId: signUp, mime: "image/jpeg", data: Buffer.from([1, 2, 3]), createdAt: T0 });
      await captchaRepository(fresh).insert({ id: `c${demarche}`, flowId: demarche, record: "{}", expiresAt: at(HOUR) });
      await resumeSealRepository(fresh).insert({ secretId: randomUUID(), offerId: randomUUID(), flowId: demarche, sealed: "s", expiresAt: at(HOUR) });
      await franceConnectLoginRepository(fresh).insert(`fc${demarche}`, { flowId: demarche, nonce: "n", codeVerifier: "v", expiresAt: at(HOUR) });
      await secretRepository(fresh).insert({ kind: "reset", hash: `s${a.id}`, subjectId: a.id, expiresAt: at(HOUR), createdAt: T0 });
      await secretRepository(fresh).insert({ kind: "resume", hash: `r${demarche}`, subjectId: demarche, expiresAt: at(HOUR), createdAt: T0 });
      await sessionRepository(fresh).insert({ id: `session${a.id}`, accountId: a.id, at: T0, expiresAt: at(HOUR) });
      await sessionRepository(fresh).insert({ id: `session${other.id}`, accountId: other.id, at: T0, expiresAt: at(HOUR) });
      const sent = await outboxRepository(fresh).enqueue({ recipient: a.email, template: "activation", data: { activationUrl: "secret" }, at: T0 });
      await outboxRepository(fresh).markSent(sent, at(1000));
      await outboxRepository(fresh).enqueue({ recipient: "ANNE_MARTIN@exemple.fr", template: "resume", data: { code: "x" }, at: at(2000) });
      await outboxRepository(fresh).enqueue({ recipient: other.email, template: "activation", data: {}, at: T0 });
      // Sent about her account to an address it had before: hers too, whatever the address.
      const before = await outboxRepository(fresh).enqueue({
        recipient: "ancienne.anne@exemple.fr",
        template: "demarcheDone",
        data: {},
        at: at(3000),
        accountId: a.id,
      });
      await outboxRepository(fresh).markSent(before, at(3500));
      const keys = serviceCitizenRepository(fresh);
      await keys.upsert({ serviceId: "enfance", key: "E-1", nomKey: "martin", prenomsKey: "anne", dateNaissance: "1980-01-01", email: null });
      await keys.upsert({ serviceId: "enfance", key: "E-2", nomKey: "autre", prenomsKey: "x", dateNaissance: "1980-01-01", email: null });
      expect(await keys.claim("enfance", "E-1", a.id)).toBe(true);
      expect(await keys.claim("enfance", "E-2", other.id)).toBe(true);
      return { a, other, signUp, demarche, draft };
    }

    it("reads every row held about an account, and nothing of another's", () =>
      withFreshDatabase(engine, async (fresh) => {
        const { a, demarche, draft } = await accountWithEverything(fresh);
        const held = (await personalDataRepository(fresh).heldAbout(a.id, T0))!;
        expect(held.account).toMatchObject({ id: a.id, username: a.username, email: a.email, prenoms: "Anne Marie", status: "pending", activatedAt: null });
        expect(held.account.createdAt).toEqual(T0);
        expect(held.account).not.toHaveProperty("passwordHash");
        expect(held.photo).toEqual({ mime: "image/jpeg", data: Buffer.from([1, 2, 3]) });
        expect(held.sessions).toEqual([{ createdAt: T0, lastSeenAt: T0, expiresAt: at(HOUR) }]);
        expect(held.demarches.map((f) => f.id)).toEqual([demarche]);
        expect(held.signUpDrafts.map((f) => f.id)).toEqual([draft]);
        expect(held.mails).toEqual([
          { template: "activation", recipient: a.email, createdAt: T0, sentAt: at(1000), deadAt: null },
          { template: "resume", recipient: "ANNE_MARTIN@exemple.fr", createdAt: at(2000), sentAt: null, deadAt: null },
          { template: "demarcheDone", recipient: "ancienne.anne@exemple.fr", createdAt: at(3000), sentAt: at(3500), deadAt: null },
        ]);
        expect(held.serviceKeys).toEqual([{ serviceId: "enfance", key: "E-1" }]);
        expect(held.secrets).toEqual([{ kind: "reset", createdAt: T0, expiresAt: at(HOUR), usedAt: null }]);
        expect(await personalDataRepository(fresh).heldAbout(randomUUID(), T0)).toBeUndefined();
      }));

    it("erases every row of the account, releases its keys, keeps sent e-mails as dates only, and leaves another's alone", () =>
      withFreshDatabase(engine, async (fresh) => {
        const { a, other, draft } = await accountWithEverything(fresh);
        const running = randomUUID();
        await flowStore(fresh).create(
          running,
          `h${running}`,
          { snapshot: "{}", machineVersion: 1, step: "review", status: "active", expiresAt: at(HOUR) },
          T0,
          a.id,
        );
        const counts = await transaction(fresh, (tx) => personalDataRepository(tx).erase(a.id, running));
        expect(counts).toEqual({
          accounts: 1,
          flows: 2,
          photos: 1,
          sessions: 1,
          secrets: 2,
          resumeSeals: 1,
          captchas: 1,
          franceConnectLogins: 1,
          serviceKeysReleased: 1,
          mailsDeleted: 1,
          mailsAnonymised: 2,
        });
        // The e-mail to her former address keeps its dates only, and no link to the account.
        const kept = await fresh.execute<{ recipient: string; account_id: string | null }>(
          "select recipient, account_id from outbox where template = 'demarcheDone'",
        );
        expect(kept).toEqual([{ recipient: ERASED_RECIPIENT, account_id: null }]);
        expect(await accountRepository(fresh).byId(a.id)).toBeUndefined();
        expect(await personalDataRepository(fresh).heldAbout(a.id, T0)).toBeUndefined();
        // Claimable again by another account; the other account's key stays claimed.
        expect((await serviceCitizenRepository(fresh).byKey("enfance", "E-1"))?.claimedBy).toBeNull();
        expect((await serviceCitizenRepository(fresh).byKey("enfance", "E-2"))?.claimedBy).toBe(other.id);
        // The démarche doing the erasure stays, detached, for its runtime to delete after its last page.
        expect((await flowStore(fresh).findById(running))?.accountId).toBeNull();
        // Sign-up drafts with her address are not hers to erase: they lapse with their flows.
        expect(await flowStore(fresh).findById(draft)).toBeDefined();
        const theirs = (await personalDataRepository(fresh).heldAbout(other.id, T0))!;
        expect(theirs.sessions).toHaveLength(1);
        expect(theirs.mails).toHaveLength(1);
        expect(await personalDataRepository(fresh).erase(a.id)).toBeUndefined();
      }));
  });

  describe("purgeExpired", () => {
    it("erases what outlived its use, keeps the rest, and a second run finds nothing", () =>
      withFreshDatabase(engine, async (fresh) => {
        const now = at(100 * HOUR);
        const flows = flowStore(fresh);
        const write = (expiresAt: Date) => ({ snapshot: "{}", machineVersion: 1, step: "welcome", status: "active" as const, expiresAt });
        const live = randomUUID();
        const expired = randomUUID();
        const finished = randomUUID();
        await flows.create(live, `h${live}`, write(at(200 * HOUR)), T0);
        await flows.create(expired, `h${expired}`, write(at(HOUR)), T0);
        await flows.create(finished, `h${finished}`, write(at(HOUR)), T0);
        await accountRepository(fresh).insert(newAccount({ flowId: finished }));
        const photos = photoRepository(fresh);
        for (const flowId of [live, expired, finished])
          await photos.insert({ id: `p${flowId}`, flowId, mime: "image/png", data: Buffer.from([1]), createdAt: T0 });
        await captchaRepository(fresh).insert({ id: randomUUID(), flowId: live, record: "{}", expiresAt: at(200 * HOUR) });
        await captchaRepository(fresh).insert({ id: randomUUID(), flowId: expired, record: "{}", expiresAt: at(200 * HOUR) });
        const secrets = secretRepository(fresh);
        await secrets.insert({ kind: "reset", hash: "old", subjectId: live, expiresAt: at(HOUR), createdAt: T0 });
        await secrets.insert({ kind: "reset", hash: "recent", subjectId: live, expiresAt: at(90 * HOUR), createdAt: T0 });
        await resumeSealRepository(fresh).insert({ secretId: randomUUID(), offerId: "o", flowId: live, sealed: "s", expiresAt: at(HOUR) });
        await sessionRepository(fresh).insert({ id: randomUUID(), accountId: "a", at: T0, expiresAt: at(HOUR) });
        await franceConnectLoginRepository(fresh).insert("h".repeat(64), { flowId: live, nonce: "n", codeVerifier: "v", expiresAt: at(HOUR) });
        await franceConnectLoginRepository(fresh).insert("k".repeat(64), { flowId: live, nonce: "n", codeVerifier: "v", expiresAt: at(200 * HOUR) });
        await rateLimitRepository(fresh).add("k", 1, at(HOUR).getTime(), T0.getTime());
        const outbox = outboxRepository(fresh);
        const sent = await outbox.enqueue({ recipient: "a@exemple.fr", template: "resume", data: {}, at: T0 });
        await outbox.markSent(sent, T0);
        const dead = await outbox.enqueue({ recipient: "a@exemple.fr", template: "resume", data: {}, at: T0 });
        await outbox.markDead(dead, "x", T0);
        await outbox.enqueue({ recipient: "a@exemple.fr", template: "resume", data: {}, at: T0 });

        const ages = { secretGraceMs: 24 * HOUR, sentMailKeptMs: 48 * HOUR };
        expect(await purgeExpired(fresh, now, ages)).toEqual({
          flows: 2,
          captchas: 1,
          photos: 1,
          secrets: 1,
          resumeSeals: 1,
          franceConnectLogins: 1,
          sessions: 1,
          rateLimits: 1,
          sentMails: 1,
          deadLetters: 1,
        });
        expect(Object.values(await purgeExpired(fresh, now, ages)).every((n) => n === 0)).toBe(true);
        expect(await photos.exists(`p${finished}`, finished)).toBe(true);
        expect(await flows.findById(live)).toBeDefined();
      }));

    it("lets processes purge at the same time, each row erased once", () =>
      withFreshDatabase(engine, async (fresh) => {
        const sessions = sessionRepository(fresh);
        for (let i = 0; i < 1200; i++) await sessions.insert({ id: `s${i}`, accountId: "a", at: T0, expiresAt: at(HOUR) });
        const ages = { secretGraceMs: HOUR, sentMailKeptMs: HOUR };
        const counts = await Promise.all([0, 1, 2].map(() => purgeExpired(fresh, at(2 * HOUR), ages)));
        expect(counts.reduce((n, c) => n + c.sessions, 0)).toBe(1200);
      }));
  });

  // LISTEN/NOTIFY is PostgreSQL's alone: on SQLite there is nothing to test, rather than a test skipped.
  if (engine === "postgresql")
    describe("flowNotifications", () => {
      it("listens, notifies in batches, reads flow versions and pings", async () => {
        const listener = new pg.Client({ connectionString: url });
        const sender = new pg.Client({ connectionString: url });
        await Promise.all([listener.connect(), sender.connect()]);
        try {
          const heard: string[] = [];
          listener.on("notification", (m) => heard.push(m.payload ?? ""));
          await flowNotifications(listener).listen("guichet_test");
          await expect(flowNotifications(listener).listen("bad-name;")).rejects.toThrow("invalid channel name");
          await flowNotifications(sender).notifyAll("guichet_test", ["a", "b"]);
          await flowNotifications(listener).ping();
          await expect.poll(() => heard).toEqual(["a", "b"]);
          const id = randomUUID();
          await flowStore(db).create(id, `h${id}`, { snapshot: "{}", machineVersion: 1, step: "welcome", status: "active", expiresAt: at(HOUR) }, T0);
          expect(await flowNotifications(sender).versions([id, randomUUID()])).toEqual(new Map([[id, 1]]));
        } finally {
          await Promise.all([listener.end(), sender.end()]);
        }
      });
    });
});
