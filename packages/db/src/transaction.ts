import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { Engine } from "./engine";
import type { Database } from "./openDatabase";

/**
 * What a repository runs its statements on: the database itself, or one transaction of it.
 * Parameters are `?` placeholders on both engines; MikroORM's connection rewrites them for PostgreSQL.
 */
export interface Runner {
  readonly engine: Engine;
  execute<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Runs `work` in one transaction: every statement it makes through `tx` is written, or none is.
 * The one way callers outside this package group writes; they pass `tx` to the repositories.
 */
export function transaction<R>(db: Database, work: (tx: Runner) => Promise<R>): Promise<R> {
  return db.em().transactional(async (em) => {
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const tx: Runner = {
      engine: db.engine,
      async execute<T>(sql: string, params: unknown[] = []) {
        return (await connection.execute(sql, params, "all", context)) as T[];
      },
    };
    return work(tx);
  });
}

/** A row refused because a unique column already holds its value (SQLite and PostgreSQL alike). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueConstraintViolationException) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
