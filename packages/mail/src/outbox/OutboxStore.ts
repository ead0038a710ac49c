import type { TemplateName } from "../templates/templates.js";

/** One e-mail waiting in the outbox; `data` is the template's data as stored (checked at render). */
export interface OutboxMessage {
  id: string;
  template: TemplateName;
  to: string;
  data: unknown;
  /** Failed attempts so far: 0 for a new message. */
  attempts: number;
  /** When it was written: past the worker's `giveUpAfterMs`, a failing message stops being retried. */
  createdAt: Date;
}

/**
 * Where the outbox lives (a table written in the same transaction as the account). The worker
 * needs only these four calls, so it runs on any database, or in memory for tests.
 */
export interface OutboxStore {
  /**
   * Up to `limit` unsent messages due at `now`, claimed so that no other worker takes them
   * (PostgreSQL: `FOR UPDATE SKIP LOCKED` plus a lease, so a crashed worker's claim runs out).
   */
  claimDue(now: Date, limit: number): Promise<OutboxMessage[]>;
  markSent(id: string, at: Date): Promise<void>;
  /** Counts the attempt, keeps the error, releases the claim and makes the message due again at `nextAttemptAt`. */
  markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void>;
  /**
   * Counts the attempt, keeps the error and sets the message aside for good (a dead letter): it is never
   * claimed again, and its data (which may hold a link's secret) is emptied.
   */
  markDead(id: string, error: string, at: Date): Promise<void>;
}
