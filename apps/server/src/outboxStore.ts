import { toDate, type Database } from "@guichet/db";
import type { OutboxMessage, OutboxStore, TemplateName } from "@guichet/mail";

// A claim lasts long enough to send one batch; a crashed worker's messages become due again after it.
const LEASE_MS = 60_000;

/** The outbox table as the mail worker needs it; claims hold across processes on PostgreSQL. */
export function databaseOutboxStore(db: Database): OutboxStore {
  const skipLocked = db.engine === "postgresql" ? " for update skip locked" : "";
  return {
    async claimDue(now, limit) {
      const rows = await db.execute<{ id: string; template: string; recipient: string; data: string; attempts: number; created_at: unknown }>(
        `update outbox set claimed_until = ? where id in (
           select id from outbox
           where sent_at is null and dead_at is null and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
           order by next_attempt_at limit ?${skipLocked}
         ) returning id, template, recipient, data, attempts, created_at`,
        [new Date(now.getTime() + LEASE_MS), now, now, limit],
      );
      return rows.map((r): OutboxMessage => ({
        id: r.id,
        template: r.template as TemplateName,
        to: r.recipient,
        data: JSON.parse(r.data),
        attempts: Number(r.attempts),
        createdAt: toDate(r.created_at),
      }));
    },
    async markSent(id, at) {
      // The data held the link's secret until now; once sent, only the fact of sending is kept.
      await db.execute("update outbox set sent_at = ?, claimed_until = null, data = '{}' where id = ?", [at, id]);
    },
    async markFailed(id, error, nextAttemptAt) {
      await db.execute(
        "update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = null where id = ?",
        [error.slice(0, 2000), nextAttemptAt, id],
      );
    },
    async markDead(id, error, at) {
      // Its link will never be used: the secret goes, the facts stay for the operator.
      await db.execute(
        "update outbox set attempts = attempts + 1, last_error = ?, dead_at = ?, claimed_until = null, data = '{}' where id = ?",
        [error.slice(0, 2000), at, id],
      );
    },
  };
}

/** A dead letter as the operator sees it: which e-mail, to whom, since when and why. */
export interface DeadLetter {
  readonly id: string;
  readonly template: string;
  readonly recipient: string;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly deadAt: Date;
  readonly lastError: string;
}

/** The dead letters, newest first. */
export async function deadLetters(db: Database, limit = 100): Promise<DeadLetter[]> {
  const rows = await db.execute<{ id: string; template: string; recipient: string; attempts: unknown; created_at: unknown; dead_at: unknown; last_error: string | null }>(
    "select id, template, recipient, attempts, created_at, dead_at, last_error from outbox where dead_at is not null order by dead_at desc limit ?",
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    template: r.template,
    recipient: r.recipient,
    attempts: Number(r.attempts),
    createdAt: toDate(r.created_at),
    deadAt: toDate(r.dead_at),
    lastError: r.last_error ?? "",
  }));
}
