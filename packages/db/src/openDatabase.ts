import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { ormConfig } from "./config";
import { engineOf, sqlitePath, type Engine } from "./engine";
import { loadMigrations, migrationNames } from "./migrations";

export interface Database {
  readonly orm: MikroORM;
  readonly engine: Engine;
  /** A fresh EntityManager: one per request, never the global one. */
  em(): EntityManager;
  /** Parameterised SQL with `?` placeholders, the cheapest correct path for hot queries. */
  execute<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs before the connection closes: what holds a connection of its own (prepared statements) lets go of it. */
  onClose(release: () => Promise<void>): void;
  close(): Promise<void>;
}

// Any number, so every process sharing one PostgreSQL database takes the same lock.
const MIGRATION_LOCK = 0x6775_6963;

/** Opens the database a DATABASE_URL names and brings its schema up to date. */
export async function openDatabase(databaseUrl?: string, options: { debug?: boolean } = {}): Promise<Database> {
  const engine = engineOf(databaseUrl);
  if (engine === "sqlite") {
    const path = sqlitePath(databaseUrl);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  const orm = await MikroORM.init((await ormConfig(databaseUrl, options)) as Parameters<typeof MikroORM.init>[0]);
  const connection = orm.em.getConnection() as unknown as {
    execute(sql: string, params?: unknown[], method?: "all" | "get" | "run"): Promise<unknown>;
  };
  const execute = async <T>(sql: string, params: unknown[] = []) => (await connection.execute(sql, params, "all")) as T[];

  if (engine === "sqlite") {
    // WAL lets readers go on while a step is written; NORMAL is durable at each checkpoint and far faster.
    await execute("pragma journal_mode = wal");
    await execute("pragma synchronous = normal");
    await execute("pragma busy_timeout = 5000");
    if (await migrationsPending(engine, execute)) await migrate(orm, engine);
  } else if (await migrationsPending(engine, execute)) {
    // Several processes may start at once: one migrates, the others wait, then find nothing to do.
    const knex = (orm.em.getConnection() as unknown as { getKnex(): import("knex").Knex }).getKnex();
    const conn = await knex.client.acquireConnection();
    try {
      await conn.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
      await migrate(orm, engine);
    } finally {
      await conn.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
      await knex.client.releaseConnection(conn);
    }
  }

  const releases: Array<() => Promise<void>> = [];
  return {
    orm,
    engine,
    em: () => orm.em.fork() as unknown as EntityManager,
    execute,
    onClose: (release) => void releases.push(release),
    async close() {
      await Promise.allSettled(releases.splice(0).map((release) => release()));
      await orm.close(true);
    },
  };
}

/**
 * Whether the schema lacks a migration this version knows: read from MikroORM's own table, so that a
 * process whose schema is up to date (every start but the first after a deploy) never loads the
 * migration classes nor MikroORM's migration tooling (umzug and its dependencies, some megabytes).
 */
async function migrationsPending(engine: Engine, execute: Database["execute"]): Promise<boolean> {
  const table =
    engine === "sqlite"
      ? await execute("select name from sqlite_master where type = 'table' and name = 'mikro_orm_migrations'")
      : await execute("select to_regclass('mikro_orm_migrations') as name");
  if (!table[0]?.name) return true;
  const applied = new Set((await execute<{ name: string }>("select name from mikro_orm_migrations")).map((row) => row.name));
  return migrationNames.some((name) => !applied.has(name));
}

/** Applies the pending migrations (MikroORM's Migrator, which checks again what is applied). */
async function migrate(orm: MikroORM, engine: Engine): Promise<void> {
  const [{ Migrator }, migrationsList] = await Promise.all([import("@mikro-orm/migrations"), loadMigrations(engine)]);
  orm.config.set("migrations", { ...orm.config.get("migrations"), migrationsList });
  await new Migrator(orm.em as unknown as EntityManager).up();
}
