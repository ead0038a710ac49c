import type { Pool } from "pg";
import type { Database } from "./openDatabase";

/**
 * A few hot statements, prepared once per connection and kept: the flow store's read and
 * compare-and-set skip the query builder and the server's parsing and planning at every step.
 * `sql` is written once with `?` placeholders; each statement has a stable name.
 */
export interface PreparedQueries {
  all<T = Record<string, unknown>>(name: string, sql: string, params: unknown[]): Promise<T[]>;
}

/** better-sqlite3 binds numbers, strings, buffers and null: dates as epoch milliseconds and booleans as 0/1, as MikroORM stores them. */
const sqliteValue = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === "boolean" ? Number(v) : v === undefined ? null : v);

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

const prepared = new WeakMap<Database, PreparedQueries>();

/** The prepared statements of one database, made on first use and released when it closes. */
export function preparedQueries(db: Database): PreparedQueries {
  let queries = prepared.get(db);
  if (!queries) {
    queries = db.engine === "sqlite" ? sqliteQueries(db) : postgresQueries(db);
    prepared.set(db, queries);
  }
  return queries;
}

/**
 * SQLite: statements cached on MikroORM's own better-sqlite3 connection, taken from its pool for each
 * call. Never a second connection (a second writer would meet SQLITE_BUSY), and never in the middle of
 * another caller's transaction: the pool hands the connection out to one caller at a time.
 */
function sqliteQueries(db: Database): PreparedQueries {
  const client = (db.orm.em.getConnection() as unknown as { getKnex(): { client: KnexClient } }).getKnex().client;
  // Per connection: if the pool ever opens a new one, its statements are prepared anew.
  const statements = new WeakMap<object, Map<string, SqliteStatement>>();
  return {
    async all<T>(name: string, sql: string, params: unknown[]) {
      const connection = (await client.acquireConnection()) as SqliteConnection & object;
      try {
        let cache = statements.get(connection);
        if (!cache) statements.set(connection, (cache = new Map()));
        let statement = cache.get(name);
        if (!statement) cache.set(name, (statement = connection.prepare(sql)));
        return statement.all(...params.map(sqliteValue)) as T[];
      } finally {
        await client.releaseConnection(connection);
      }
    },
  };
}

/**
 * PostgreSQL: a small pool of its own beside MikroORM's, whose connections prepare each named
 * statement on first use and keep it. Every write is one statement (no transaction spans them).
 */
function postgresQueries(db: Database): PreparedQueries {
  // pg is imported with the first query, so that a process on SQLite never loads it.
  let pooling: Promise<Pool> | undefined;
  const pool = () =>
    (pooling ??= import("pg").then(({ default: pg }) => {
      const made = new pg.Pool({
        connectionString: db.orm.config.get("clientUrl"),
        max: 4,
        idleTimeoutMillis: 60_000,
        allowExitOnIdle: true,
      });
      // An idle connection cut by the server (restart, failover) is dropped and replaced at the next query.
      made.on("error", () => undefined);
      return made;
    }));
  db.onClose(async () => {
    if (pooling) await (await pooling).end();
  });
  const texts = new Map<string, string>();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async all<T>(name: string, sql: string, params: unknown[]) {
      let text = texts.get(name);
      if (text === undefined) texts.set(name, (text = numbered(sql)));
      const result = await (await pool()).query({ name, text, values: params });
      return result.rows as T[];
    },
  };
}
