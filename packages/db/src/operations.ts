import type { Database } from "./openDatabase";
import { toDate } from "./toDate";

/** Answers when the database does: the readiness probe (/readyz). Rejects when it is down or closed. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute("select 1 as ok");
}

/** E-mails waiting in the outbox (neither sent nor given up) and the age of the oldest, for the metrics. */
export async function outboxBacklog(db: Database, now: Date): Promise<{ depth: number; oldestAgeSeconds: number }> {
  const rows = await db.execute<{ n: number | string; oldest: unknown }>(
    "select count(*) as n, min(created_at) as oldest from outbox where sent_at is null and dead_at is null",
  );
  const row = rows[0];
  const depth = Number(row?.n ?? 0);
  if (!row || depth === 0 || row.oldest === null || row.oldest === undefined) return { depth, oldestAgeSeconds: 0 };
  return { depth, oldestAgeSeconds: Math.max(0, (now.getTime() - toDate(row.oldest).getTime()) / 1000) };
}
