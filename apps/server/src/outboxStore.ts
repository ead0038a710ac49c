import { outboxRepository, type Database, type DeadLetter } from "@guichet/db";
import type { OutboxMessage, OutboxStore, TemplateName } from "@guichet/mail";

export type { DeadLetter } from "@guichet/db";

// A claim outlasts the SMTP transport's deadline for one message (at most 90 s), so no other worker
// takes a message still in flight; a crashed worker's messages become due again after it.
const LEASE_MS = 2 * 60_000;

/** The outbox table as the mail worker needs it; claims hold across processes on PostgreSQL. */
export function databaseOutboxStore(db: Database): OutboxStore {
  const outbox = outboxRepository(db);
  return {
    async claimDue(now, limit) {
      const rows = await outbox.claimDue(now, limit, new Date(now.getTime() + LEASE_MS));
      return rows.map((r): OutboxMessage => ({
        id: r.id,
        template: r.template as TemplateName,
        to: r.recipient,
        data: JSON.parse(r.data),
        attempts: r.attempts,
        createdAt: r.createdAt,
      }));
    },
    markSent: (id, at) => outbox.markSent(id, at),
    markFailed: (id, error, nextAttemptAt) => outbox.markFailed(id, error, nextAttemptAt),
    markDead: (id, error, at) => outbox.markDead(id, error, at),
  };
}

/** The dead letters, newest first. */
export function deadLetters(db: Database, limit = 100): Promise<DeadLetter[]> {
  return outboxRepository(db).deadLetters(limit);
}
