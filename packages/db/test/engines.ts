import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../src/openDatabase";

/** The engines a suite runs on: SQLite always, PostgreSQL when GUICHET_TEST_POSTGRES_URL names a server. */
export const postgresUrl = process.env.GUICHET_TEST_POSTGRES_URL;
export const testEngines: Array<"sqlite" | "postgresql"> = postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];
if (!postgresUrl) console.warn("\n⚠ PostgreSQL half of the db suite SKIPPED: GUICHET_TEST_POSTGRES_URL is not set.\n");

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on an engine (a new SQLite file, or a new PostgreSQL database), migrated; `drop` removes it. */
export async function freshDatabase(engine: "sqlite" | "postgresql"): Promise<{ db: Database; url: string; drop(): Promise<void> }> {
  if (engine === "sqlite") {
    const url = join(mkdtempSync(join(tmpdir(), "guichet-db-")), "t.sqlite");
    const db = await openDatabase(url);
    return { db, url, drop: () => db.close() };
  }
  const name = `guichet_t_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
