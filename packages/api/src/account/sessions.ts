import { sessionRepository, type Database } from "@guichet/db";
import { hashToken, newSecretToken } from "../secretToken";

/** A session ends after 2 hours without activity, and after 12 hours whatever happens. */
export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_MAX_MS = 12 * 3600_000;
// Sliding the expiry on every request would write on every read; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  readonly accountId: string;
}

/** Server-side sessions: the browser holds a random token in a cookie, the table only its hash. */
export function sessionStore(db: Database, now: () => Date) {
  const sessions = sessionRepository(db);
  let lastPurge = 0;
  return {
    /** `franceConnectIdToken`: a session opened with FranceConnect keeps its ID token, server-side, for the logout. */
    async create(accountId: string, options: { franceConnectIdToken?: string } = {}): Promise<string> {
      const token = newSecretToken();
      const at = now();
      // Ended sessions go now and then, at a login rather than on a timer of their own.
      if (at.getTime() - lastPurge > 600_000) {
        lastPurge = at.getTime();
        await sessions.deleteEnded(at);
      }
      await sessions.insert({
        id: hashToken(token),
        accountId,
        at,
        expiresAt: new Date(at.getTime() + SESSION_IDLE_MS),
        ...(options.franceConnectIdToken ? { franceConnectIdToken: options.franceConnectIdToken } : {}),
      });
      return token;
    },

    /** The live session a token names, its idle expiry pushed back; nothing for an unknown or ended one. */
    async find(token: string | undefined): Promise<Session | undefined> {
      if (!token || token.length > 100) return undefined;
      const at = now();
      const id = hashToken(token);
      const row = await sessions.findLive(id, at);
      if (!row) return undefined;
      if (at.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        const expiresAt = Math.min(at.getTime() + SESSION_IDLE_MS, row.createdAt.getTime() + SESSION_MAX_MS);
        await sessions.touch(id, at, new Date(expiresAt));
      }
      return { accountId: row.accountId };
    },

    /** Ends the session; hands back FranceConnect's ID token when it was opened with FranceConnect (its logout needs it). */
    async end(token: string | undefined): Promise<{ franceConnectIdToken?: string } | undefined> {
      if (!token || token.length > 100) return undefined;
      return sessions.take(hashToken(token));
    },

    /** After a password change every device must log in again. */
    async endAll(accountId: string): Promise<void> {
      await sessions.deleteForAccount(accountId);
    },
  };
}
export type SessionStore = ReturnType<typeof sessionStore>;
