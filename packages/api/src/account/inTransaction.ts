import type { Database } from "@guichet/db";

export type Sql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

/** Plain parameterised SQL in one transaction: all of it is written, or none. */
export function inTransaction<R>(db: Database, work: (sql: Sql) => Promise<R>): Promise<R> {
  return db.em().transactional(async (tx) => {
    const connection = tx.getConnection();
    const context = tx.getTransactionContext();
    const sql: Sql = async <T>(query: string, params: unknown[] = []) =>
      (await connection.execute(query, params, "all", context)) as T[];
    return work(sql);
  });
}

export { toDate } from "@guichet/db";
