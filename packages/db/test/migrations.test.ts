import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/openDatabase";
import { loadMigrations, migrationNames } from "../src/migrations";
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
});
