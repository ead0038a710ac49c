import type { Runner } from "../transaction";

/** A FranceConnect login under way, as the callback needs it back. */
export interface FranceConnectLogin {
  flowId: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: Date;
}

/**
 * The `franceconnect_login` table: what an authorization request left for its callback, keyed by
 * the SHA-256 of its `state` (never the state itself). `expires_at` is in epoch milliseconds.
 */
export function franceConnectLoginRepository(db: Runner) {
  return {
    async insert(stateHash: string, login: FranceConnectLogin): Promise<void> {
      await db.execute("insert into franceconnect_login (state_hash, flow_id, nonce, code_verifier, expires_at) values (?, ?, ?, ?, ?)", [
        stateHash,
        login.flowId,
        login.nonce,
        login.codeVerifier,
        login.expiresAt.getTime(),
      ]);
    },
    /** Deletes the login and hands it back: only one caller ever gets it, expired or not (the caller checks). */
    async take(stateHash: string): Promise<FranceConnectLogin | undefined> {
      const rows = await db.execute<{ flow_id: string; nonce: string; code_verifier: string; expires_at: number | string }>(
        "delete from franceconnect_login where state_hash = ? returning flow_id, nonce, code_verifier, expires_at",
        [stateHash],
      );
      const row = rows[0];
      return row && { flowId: row.flow_id, nonce: row.nonce, codeVerifier: row.code_verifier, expiresAt: new Date(Number(row.expires_at)) };
    },
    /** Whether a login is under way for this state hash (tests and diagnostics). */
    async exists(stateHash: string): Promise<boolean> {
      const rows = await db.execute<{ n: number | string }>("select count(*) as n from franceconnect_login where state_hash = ?", [stateHash]);
      return Number(rows[0]?.n ?? 0) > 0;
    },
    /** How many logins are under way for a flow. */
    async countForFlow(flowId: string): Promise<number> {
      const rows = await db.execute<{ n: number | string }>("select count(*) as n from franceconnect_login where flow_id = ?", [flowId]);
      return Number(rows[0]?.n ?? 0);
    },
    async deleteExpired(now: Date): Promise<number> {
      const rows = await db.execute<{ state_hash: string }>("delete from franceconnect_login where expires_at < ? returning state_hash", [now.getTime()]);
      return rows.length;
    },
  };
}
export type FranceConnectLoginRepository = ReturnType<typeof franceConnectLoginRepository>;
