import { entities } from "./entities";
import { engineOf, sqlitePath } from "./engine";

/**
 * MikroORM options for a DATABASE_URL; generated SQL differs by engine, hence one migration list each
 * (openDatabase adds it, and MikroORM's migration tooling, only when a migration is pending).
 * Only the engine's own driver is imported (on demand): a process uses one engine, and the other's
 * driver (pg, or better-sqlite3 and its dialect) would sit in memory for nothing.
 */
export async function ormConfig(databaseUrl: string | undefined, options: { debug?: boolean } = {}) {
  const common = {
    entities,
    debug: options.debug ?? false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    migrations: { transactional: true, allOrNothing: true, snapshot: false, silent: true },
  };
  if (engineOf(databaseUrl) === "postgresql") {
    const { defineConfig } = await import("@mikro-orm/postgresql");
    return defineConfig({ ...common, clientUrl: databaseUrl, pool: { min: 1, max: 10 } });
  }
  const { defineConfig } = await import("@mikro-orm/better-sqlite");
  return defineConfig({ ...common, dbName: sqlitePath(databaseUrl) });
}
