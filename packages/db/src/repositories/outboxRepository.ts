import { randomUUID } from "node:crypto";
import { toDate } from "../toDate";
import type { Runner } from "../transaction";

/** A message a worker claimed; `data` is the template's JSON. */
export interface ClaimedMail {
  readonly id: string;
  readonly template: string;
  readonly recipient: string;
  readonly data: string;
  readonly attempts: number;
  readonly createdAt: Date;
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

/** The `outbox` table: e-mails written in the same transaction as what they announce, sent by a worker. */
export function outboxRepository(db: Runner) {
  return {
    /**
     * An e-mail to send from `at`; written in the caller's transaction when `db` is one. `accountId`
     * names the account it is about, so "Mes données" lists it even once the address has changed.
     */
    async enqueue(mail: { recipient: string; template: string; data: unknown; at: Date; accountId?: string }): Promise<string> {
      const id = randomUUID();
      await db.execute(
        "insert into outbox (id, template, recipient, data, attempts, next_attempt_at, claimed_until, sent_at, last_error, created_at, account_id) values (?, ?, ?, ?, 0, ?, null, null, null, ?, ?)",
        [id, mail.template, mail.recipient, JSON.stringify(mail.data), mail.at, mail.at, mail.accountId ?? null],
      );
      return id;
    },
    /**
     * Claims up to `limit` due messages until `claimUntil`; on PostgreSQL rows another worker is
     * claiming are skipped, not waited for, so claims hold across processes.
     */
    async claimDue(now: Date, limit: number, claimUntil: Date): Promise<ClaimedMail[]> {
      const skipLocked = db.engine === "postgresql" ? " for update skip locked" : "";
      const rows = await db.execute<{ id: string; template: string; recipient: string; data: string; attempts: unknown; created_at: unknown }>(
        `update outbox set claimed_until = ? where id in (
           select id from outbox
           where sent_at is null and dead_at is null and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
           order by next_attempt_at limit ?${skipLocked}
         ) returning id, template, recipient, data, attempts, created_at`,
        [claimUntil, now, now, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        template: r.template,
        recipient: r.recipient,
        data: r.data,
        attempts: Number(r.attempts),
        createdAt: toDate(r.created_at),
      }));
    },
    /** The data held the link's secret until now; once sent, only the fact of sending is kept. */
    async markSent(id: string, at: Date): Promise<void> {
      await db.execute("update outbox set sent_at = ?, claimed_until = null, data = '{}' where id = ?", [at, id]);
    },
    async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
      await db.execute("update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = null where id = ?", [
        error.slice(0, 2000),
        nextAttemptAt,
        id,
      ]);
    },
    /** Given up for good: the secret in its data goes, the facts stay for the operator. */
    async markDead(id: string, error: string, at: Date): Promise<void> {
      await db.execute("update outbox set attempts = attempts + 1, last_error = ?, dead_at = ?, claimed_until = null, data = '{}' where id = ?", [
        error.slice(0, 2000),
        at,
        id,
      ]);
    },
    /** The dead letters, newest first. */
    async deadLetters(limit = 100): Promise<DeadLetter[]> {
      const rows = await db.execute<{
        id: string;
        template: string;
        recipient: string;
        attempts: unknown;
        created_at: unknown;
        dead_at: unknown;
        last_error: string | null;
      }>("select id, template, recipient, attempts, created_at, dead_at, last_error from outbox where dead_at is not null order by dead_at desc limit ?", [
        limit,
      ]);
      return rows.map((r) => ({
        id: r.id,
        template: r.template,
        recipient: r.recipient,
        attempts: Number(r.attempts),
        createdAt: toDate(r.created_at),
        deadAt: toDate(r.dead_at),
        lastError: r.last_error ?? "",
      }));
    },
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
