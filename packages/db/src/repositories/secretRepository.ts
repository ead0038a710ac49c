import { randomUUID } from "node:crypto";
import { toDate } from "../toDate";
import type { Runner } from "../transaction";

/** A single-use secret as stored: only its hash. */
export interface SecretRow {
  readonly id: string;
  readonly subjectId: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface NewSecret {
  /** Given when another row must name the secret (a resume seal); otherwise drawn here. */
  readonly id?: string;
  readonly kind: string;
  readonly hash: string;
  readonly subjectId: string;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

const read = (r: { id: string; subject_id: string; expires_at: unknown; used_at: unknown }): SecretRow => ({
  id: r.id,
  subjectId: r.subject_id,
  expiresAt: toDate(r.expires_at),
  usedAt: r.used_at === null || r.used_at === undefined ? null : toDate(r.used_at),
});

type Raw = { id: string; subject_id: string; expires_at: unknown; used_at: unknown };
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** The `secret` table: activation links and codes, reset links, resume codes and links, live-view tickets. */
export function secretRepository(db: Runner) {
  return {
    /** Returns the secret's id. */
    async insert(s: NewSecret): Promise<string> {
      const id = s.id ?? randomUUID();
      await db.execute("insert into secret (id, kind, hash, subject_id, expires_at, used_at, created_at) values (?, ?, ?, ?, ?, null, ?)", [
        id,
        s.kind,
        s.hash,
        s.subjectId,
        s.expiresAt,
        s.createdAt,
      ]);
      return id;
    },
    /** A secret by its hash and kind, used or not, expired or not; optionally only a given subject's. */
    async find(hash: string, kind: string, subjectId?: string): Promise<SecretRow | undefined> {
      const rows =
        subjectId === undefined
          ? await db.execute<Raw>("select id, subject_id, expires_at, used_at from secret where hash = ? and kind = ?", [hash, kind])
          : await db.execute<Raw>("select id, subject_id, expires_at, used_at from secret where hash = ? and kind = ? and subject_id = ?", [
              hash,
              kind,
              subjectId,
            ]);
      return rows[0] ? read(rows[0]) : undefined;
    },
    /**
     * Spends one secret if nobody spent it first (and, when `liveAt` is given, if it has not expired
     * then): of two simultaneous claims exactly one gets true.
     */
    async claim(id: string, at: Date, liveAt?: Date): Promise<boolean> {
      const rows =
        liveAt === undefined
          ? await db.execute("update secret set used_at = ? where id = ? and used_at is null returning id", [at, id])
          : await db.execute("update secret set used_at = ? where id = ? and used_at is null and expires_at > ? returning id", [at, id, liveAt]);
      return rows.length === 1;
    },
    /** Spends a live secret found by its hash in one statement; its id and subject, or nothing. */
    async claimByHash(hash: string, kind: string, at: Date): Promise<{ id: string; subjectId: string } | undefined> {
      const rows = await db.execute<{ id: string; subject_id: string }>(
        "update secret set used_at = ? where hash = ? and kind = ? and used_at is null and expires_at > ? returning id, subject_id",
        [at, hash, kind, at],
      );
      return rows[0] ? { id: rows[0].id, subjectId: rows[0].subject_id } : undefined;
    },
    /** Spends every unspent secret of these kinds for a subject. */
    async spendAll(subjectId: string, kinds: readonly string[], at: Date): Promise<void> {
      await db.execute(`update secret set used_at = ? where subject_id = ? and kind in (${placeholders(kinds.length)}) and used_at is null`, [
        at,
        subjectId,
        ...kinds,
      ]);
    },
    /** Spends the unspent secrets sealed in one resume offer (see `resumeSealRepository`). */
    async spendOffer(offerId: string, at: Date): Promise<void> {
      await db.execute("update secret set used_at = ? where used_at is null and id in (select secret_id from resume_seal where offer_id = ?)", [at, offerId]);
    },
    async deleteForSubject(subjectId: string, kind: string): Promise<void> {
      await db.execute("delete from secret where subject_id = ? and kind = ?", [subjectId, kind]);
    },
    /** Forgets secrets of these kinds that expired before `before`. */
    async deleteExpired(kinds: readonly string[], before: Date): Promise<void> {
      await db.execute(`delete from secret where kind in (${placeholders(kinds.length)}) and expires_at < ?`, [...kinds, before]);
    },
  };
}
export type SecretRepository = ReturnType<typeof secretRepository>;
