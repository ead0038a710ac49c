import type { Database } from "@guichet/db";
import type { OutboxMessage, OutboxStore, TemplateName } from "@guichet/mail";

// A claim lasts long enough to send one batch; a crashed worker's messages become due again after it.
const LEASE_MS = 60_000;

/** The outbox table as the mail worker needs it; claims hold across processes on PostgreSQL. */
export function databaseOutboxStore(db: Database): OutboxStore {
  const skipLocked = db.engine === "postgresql" ? " for update skip locked" : "";
  return {
    async claimDue(now, limit) {
      const rows = await db.execute<{ id: string; template: string; recipient: string; data: string; attempts: number }>(
        `update outbox set claimed_until = ? where id in (
           select id from outbox
           where sent_at is null and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
           order by next_attempt_at limit ?${skipLocked}
         ) returning id, template, recipient, data, attempts`,
        [new Date(now.getTime() + LEASE_MS), now, now, limit],
      );
      return rows.map((r): OutboxMessage => ({
        id: r.id,
        template: r.template as TemplateName,
        to: r.recipient,
        data: JSON.parse(r.data),
        attempts: Number(r.attempts),
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
  };
}
