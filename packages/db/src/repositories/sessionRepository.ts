import { toDate } from "../toDate";
import type { Runner } from "../transaction";

/** A live session, found by the hash of its cookie's token. */
export interface SessionRow {
  readonly accountId: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

/** The `session` table. */
export function sessionRepository(db: Runner) {
  return {
    async insert(s: { id: string; accountId: string; at: Date; expiresAt: Date }): Promise<void> {
      await db.execute("insert into session (id, account_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)", [
        s.id,
        s.accountId,
        s.at,
        s.at,
        s.expiresAt,
      ]);
    },
    /** The session if it has not ended at `now`. */
    async findLive(id: string, now: Date): Promise<SessionRow | undefined> {
      const rows = await db.execute<{ account_id: string; created_at: unknown; last_seen_at: unknown }>(
        "select account_id, created_at, last_seen_at from session where id = ? and expires_at > ?",
        [id, now],
      );
      const r = rows[0];
      return r ? { accountId: r.account_id, createdAt: toDate(r.created_at), lastSeenAt: toDate(r.last_seen_at) } : undefined;
    },
    async touch(id: string, at: Date, expiresAt: Date): Promise<void> {
      await db.execute("update session set last_seen_at = ?, expires_at = ? where id = ?", [at, expiresAt, id]);
    },
    async delete(id: string): Promise<void> {
      await db.execute("delete from session where id = ?", [id]);
    },
    async deleteForAccount(accountId: string): Promise<void> {
      await db.execute("delete from session where account_id = ?", [accountId]);
    },
    /** Every session of the account but one (the device that asked for a change): the others must log in again. */
    async deleteOtherSessions(accountId: string, keepId: string): Promise<void> {
      await db.execute("delete from session where account_id = ? and id <> ?", [accountId, keepId]);
    },
    async deleteEnded(now: Date): Promise<void> {
      await db.execute("delete from session where expires_at <= ?", [now]);
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
