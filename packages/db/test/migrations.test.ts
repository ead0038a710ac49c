import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/openDatabase";
import { loadMigrations, migrationNames } from "../src/migrations";
import { emailSkeleton } from "../src/emailSkeleton";
import { freshDatabase, testEngines } from "./engines";

describe.each(testEngines)("migrations on %s", (engine) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  const applied = async (db: Database) => (await db.execute<{ name: string }>("select name from mikro_orm_migrations order by id")).map((r) => r.name);

  beforeAll(async () => {
    fresh = await freshDatabase(engine);
  }, 60_000);
  afterAll(async () => fresh?.drop());

  it("each engine's folder exports exactly the listed migrations, loaded in the listed order", async () => {
    const list = await loadMigrations(engine);
    expect(list.map((m) => m.name)).toEqual([...migrationNames]);
    for (const m of list) expect(m.class).toBeTypeOf("function");
  });

  it("a fresh database gets every migration once, and opening it again applies nothing", async () => {
    expect(await applied(fresh.db)).toEqual([...migrationNames]);
    const again = await openDatabase(fresh.url);
    try {
      expect(await applied(again)).toEqual([...migrationNames]);
    } finally {
      await again.close();
    }
  });

  it("gives the accounts made before it their e-mail skeleton (Migration20261207EmailSkeleton)", async () => {
    const before = await freshDatabase(engine);
    const { db, url } = before;
    const insert = (id: string, email: string) =>
      db.execute(
        "insert into account (id, username, username_key, password_hash, email, email_key, civilite, nom_usuel, prenoms, profile, status, flow_id, created_at) values (?, ?, ?, 'h', ?, ?, 'Madame', 'N', 'P', '{}', 'active', ?, ?)",
        [id, id, id, email, email.toLowerCase(), `flow-${id}`, new Date()],
      );
    await insert("a1", "Alice@Example.fr");
    await insert("a2", "асе@example.fr");
    // The database as it was before the migration: no column, the migration not applied.
    const q = engine === "postgresql" ? '"' : "`";
    await db.execute(`drop index ${q}account_email_skeleton_index${q}`);
    await db.execute(`alter table ${q}account${q} drop column ${q}email_skeleton${q}`);
    await db.execute("delete from mikro_orm_migrations where name = ?", ["Migration20261207EmailSkeleton"]);
    await db.close();
    const again = await openDatabase(url);
    try {
      const rows = await again.execute<{ id: string; email_skeleton: string }>("select id, email_skeleton from account order by id");
      expect(rows).toEqual([
        { id: "a1", email_skeleton: "alice@example.fr" },
        { id: "a2", email_skeleton: emailSkeleton("ace@example.fr") },
      ]);
    } finally {
      await again.close();
      await before.drop();
    }
  }, 60_000);
});
