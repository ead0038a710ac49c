import { toDate } from "../toDate";
import type { Runner } from "../transaction";

/** A live session, found by the hash of its cookie's token. */
export interface SessionRow {
  readonly accountId: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** FranceConnect's ID token, when the session was opened with FranceConnect: its logout needs it. */
  readonly franceConnectIdToken?: string;
}

/** The `session` table. */
export function sessionRepository(db: Runner) {
  return {
    async insert(s: { id: string; accountId: string; at: Date; expiresAt: Date; franceConnectIdToken?: string }): Promise<void> {
      await db.execute("insert into session (id, account_id, created_at, last_seen_at, expires_at, franceconnect_id_token) values (?, ?, ?, ?, ?, ?)", [
        s.id,
        s.accountId,
        s.at,
        s.at,
        s.expiresAt,
        s.franceConnectIdToken ?? null,
      ]);
    },
    /** The session if it has not ended at `now`. */
    async findLive(id: string, now: Date): Promise<SessionRow | undefined> {
      const rows = await db.execute<{ account_id: string; created_at: unknown; last_seen_at: unknown; franceconnect_id_token: string | null }>(
        "select account_id, created_at, last_seen_at, franceconnect_id_token from session where id = ? and expires_at > ?",
        [id, now],
      );
      const r = rows[0];
      if (!r) return undefined;
      const row = { accountId: r.account_id, createdAt: toDate(r.created_at), lastSeenAt: toDate(r.last_seen_at) };
      return r.franceconnect_id_token ? { ...row, franceConnectIdToken: r.franceconnect_id_token } : row;
    },
    async touch(id: string, at: Date, expiresAt: Date): Promise<void> {
      await db.execute("update session set last_seen_at = ?, expires_at = ? where id = ?", [at, expiresAt, id]);
    },
    async delete(id: string): Promise<void> {
      await db.execute("delete from session where id = ?", [id]);
    },
    /** Ends the session and hands back FranceConnect's ID token when it was opened with FranceConnect. */
    async take(id: string): Promise<{ franceConnectIdToken?: string } | undefined> {
      const rows = await db.execute<{ franceconnect_id_token: string | null }>("delete from session where id = ? returning franceconnect_id_token", [id]);
      const r = rows[0];
      return r ? (r.franceconnect_id_token ? { franceConnectIdToken: r.franceconnect_id_token } : {}) : undefined;
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
