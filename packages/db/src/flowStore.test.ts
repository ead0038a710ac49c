import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowStore } from "./flowStore";
import { openDatabase, type Database } from "./openDatabase";
import { preparedQueries } from "./preparedQueries";

const postgresUrl = process.env.GUICHET_TEST_POSTGRES_URL;
if (!postgresUrl) console.warn("\n⚠ PostgreSQL half of the db suite SKIPPED: GUICHET_TEST_POSTGRES_URL is not set.\n");
const engines = postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];

async function databaseUrl(engine: string) {
  if (engine === "sqlite") return join(mkdtempSync(join(tmpdir(), "guichet-db-")), "t.sqlite");
  const name = `guichet_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.each(engines)("the flow store on %s", (engine) => {
  let db: Database;
  let url: string;
  const write = (snapshot: string) => ({
    snapshot,
    machineVersion: 1,
    step: "welcome",
    status: "active" as const,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  beforeAll(async () => {
    url = await databaseUrl(engine);
    db = await openDatabase(url);
  });
  afterAll(async () => {
    await db.close();
    if (engine !== "postgresql") return;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
    await admin.end();
  });

  it("applies every migration, and a second start finds nothing to do", async () => {
    const applied = await db.orm.getMigrator().getExecutedMigrations();
    expect(applied.length).toBeGreaterThanOrEqual(3);
    expect(await db.orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it("finds a flow by the hash of its token and returns what was written", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, write('{"a":1}'), new Date());
    const found = await store.findByTokenHash(`h-${id}`, new Date());
    expect(found).toMatchObject({ id, snapshot: '{"a":1}', version: 1, step: "welcome", status: "active" });
  });

  it("keeps each flow's kind, and reads a row saved before kinds existed as a sign-up", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, { ...write("d"), kind: "demarche" }, new Date());
    expect(await store.findById(id)).toMatchObject({ kind: "demarche" });
    expect(await store.compareAndSet(id, 1, write("d2"), new Date())).toBe(true);
    expect(await store.findById(id)).toMatchObject({ kind: "demarche", snapshot: "d2" });
    // A row as the previous release wrote it: no kind column in its insert.
    const old = randomUUID();
    const now = new Date();
    await db.execute(
      "insert into flow (id, token_hash, snapshot, version, machine_version, step, status, created_at, updated_at, expires_at) values (?, ?, ?, 1, 1, ?, ?, ?, ?, ?)",
      [old, `h-${old}`, "{}", "welcome", "active", now, now, new Date(now.getTime() + 86_400_000)],
    );
    expect(await store.findById(old)).toMatchObject({ kind: "registration" });
    expect(await store.findByTokenHash(`h-${old}`, now)).toMatchObject({ kind: "registration" });
  });

  it("refuses a write made with a stale version and keeps the newer one", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, write("v1"), new Date());
    expect(await store.compareAndSet(id, 1, write("v2"), new Date())).toBe(true);
    expect(await store.compareAndSet(id, 1, write("stale"), new Date())).toBe(false);
    expect(await store.findById(id)).toMatchObject({ snapshot: "v2", version: 2 });
  });

  it("does not find an expired flow", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, { ...write("x"), expiresAt: new Date(Date.now() - 1000) }, new Date());
    expect(await store.findByTokenHash(`h-${id}`, new Date())).toBeUndefined();
  });

  it("lets exactly one of many simultaneous writers win", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, write("v1"), new Date());
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.compareAndSet(id, 1, write(`w${i}`), new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.findById(id))!.version).toBe(2);
  });

  it("waits for a transaction that holds the flow, and its write survives that transaction's rollback", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, write("v1"), new Date());
    let pending: Promise<boolean> | undefined;
    await expect(
      db.em().transactional(async (tx) => {
        await tx.execute("update flow set snapshot = ? where id = ?", ["rolled back", id]);
        // On SQLite the statement cache shares MikroORM's one connection: it must not slip into this transaction.
        pending = store.compareAndSet(id, 1, write("kept"), new Date());
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await pending).toBe(true);
    expect(await store.findById(id)).toMatchObject({ snapshot: "kept", version: 2 });
  });

  it("prepares the hot statements once and reuses them", async () => {
    const store = flowStore(db);
    const id = randomUUID();
    await store.create(id, `h-${id}`, write("v1"), new Date());
    for (let i = 0; i < 5; i += 1) await store.findByTokenHash(`h-${id}`, new Date());
    expect(preparedQueries(db)).toBe(preparedQueries(db));
    if (engine === "postgresql") {
      const rows = await preparedQueries(db).all<{ name: string }>("guichet_test_prepared", "select name from pg_prepared_statements", []);
      expect(rows.map((r) => r.name)).toContain("guichet_flow_by_token");
    }
  });
});
