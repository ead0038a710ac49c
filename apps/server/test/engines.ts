import { randomBytes } from "node:crypto";
import pg from "pg";

/** The engines a suite runs on: SQLite always, PostgreSQL when GUICHET_TEST_POSTGRES_URL names a server. */
export const postgresUrl = process.env.GUICHET_TEST_POSTGRES_URL;
export const testEngines: Array<"sqlite" | "postgresql"> = postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];

if (!postgresUrl) {
  console.warn(
    "\n⚠ PostgreSQL half of the suite SKIPPED: GUICHET_TEST_POSTGRES_URL is not set " + "(e.g. postgres://postgres@127.0.0.1:5432/test). CI sets it.\n",
  );
}

/** A fresh, empty PostgreSQL database for one test server, so suites never see each other's rows. */
export async function freshPostgresDatabase(): Promise<string> {
  if (!postgresUrl) throw new Error("GUICHET_TEST_POSTGRES_URL is not set");
  const name = `guichet_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Databases made by this run are dropped when the test server closes. */
export async function dropPostgresDatabase(databaseUrl: string) {
  if (!postgresUrl) return;
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^guichet_t_[0-9a-f]+$/.test(name)) return;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
