import { defineConfig as defineSqlite } from "@mikro-orm/better-sqlite";
import { Migrator } from "@mikro-orm/migrations";
import { defineConfig as definePostgres } from "@mikro-orm/postgresql";
import { entities } from "./entities";
import { engineOf, sqlitePath } from "./engine";
import { postgresMigrations, sqliteMigrations } from "./migrations";

/** MikroORM options for a DATABASE_URL; generated SQL differs by engine, hence one migration list each. */
export function ormConfig(databaseUrl: string | undefined, options: { debug?: boolean } = {}) {
  const common = {
    entities,
    extensions: [Migrator],
    debug: options.debug ?? false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
  };
  if (engineOf(databaseUrl) === "postgresql") {
    return definePostgres({
      ...common,
      clientUrl: databaseUrl,
      pool: { min: 1, max: 10 },
      migrations: { migrationsList: postgresMigrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    });
  }
  return defineSqlite({
    ...common,
    dbName: sqlitePath(databaseUrl),
    migrations: { migrationsList: sqliteMigrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
  });
}
