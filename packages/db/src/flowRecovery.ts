import { randomUUID } from "node:crypto";
import type { Database } from "./openDatabase";
import { toDate } from "./toDate";

/**
 * "Retrouver mon inscription": a citizen who lost both the resume code and the device types their e-mail address;
 * each unfinished sign-up given that address gets a single-use link, stored as a hash (`secret`, kind below).
 */
export const RECOVERY_SECRET = "resume-recover";

/**
 * The unfinished sign-ups whose contacts step gave this address (compared without case or spaces), newest first.
 * The address sits in the snapshot: a scan of the live flows, which a town hall's few hundred drafts keep cheap.
 */
export async function unfinishedFlowsByEmail(db: Database, email: string, now: Date, limit: number): Promise<string[]> {
  const courriel =
    db.engine === "postgresql"
      ? "(snapshot::json -> 'context' -> 'answers' -> 'contacts' ->> 'courriel')"
      : "json_extract(snapshot, '$.context.answers.contacts.courriel')";
  const rows = await db.execute<{ id: string }>(
    `select id from flow where status = 'active' and expires_at > ? and lower(trim(${courriel})) = ? order by updated_at desc limit ?`,
    [now, email.trim().toLowerCase(), limit],
  );
  return rows.map((r) => r.id);
}

/** The link's hash and its e-mail in the outbox, in one transaction: a link is never sent without being stored. */
export async function queueRecoveryLink(
  db: Database,
  link: { hash: string; flowId: string; expiresAt: Date },
  mail: { template: string; recipient: string; data: Record<string, string> },
  now: Date,
): Promise<void> {
  await db.em().transactional(async (tx) => {
    const run = (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, "run", tx.getTransactionContext());
    await run("insert into secret (id, kind, hash, subject_id, expires_at, used_at, created_at) values (?, ?, ?, ?, ?, null, ?)", [
      randomUUID(),
      RECOVERY_SECRET,
      link.hash,
      link.flowId,
      link.expiresAt,
      now,
    ]);
    await run(
      "insert into outbox (id, template, recipient, data, attempts, next_attempt_at, claimed_until, sent_at, last_error, created_at) values (?, ?, ?, ?, 0, ?, null, null, null, ?)",
      [randomUUID(), mail.template, mail.recipient, JSON.stringify(mail.data), now, now],
    );
  });
}

export type RecoveryClaim = { readonly status: "unknown" | "used" | "expired" } | { readonly status: "claimed"; readonly flowId: string };

/** Claims a recovery link by its hash, once: of two devices at once, one claims it, the other hears it was used. */
export async function claimRecoveryLink(db: Database, hash: string, now: Date): Promise<RecoveryClaim> {
  const rows = await db.execute<{ id: string; subject_id: string; expires_at: unknown; used_at: unknown }>(
    "select id, subject_id, expires_at, used_at from secret where hash = ? and kind = ?",
    [hash, RECOVERY_SECRET],
  );
  const secret = rows[0];
  if (!secret) return { status: "unknown" };
  if (secret.used_at != null) return { status: "used" };
  if (toDate(secret.expires_at).getTime() <= now.getTime()) return { status: "expired" };
  const claimed = await db.execute("update secret set used_at = ? where id = ? and used_at is null returning id", [now, secret.id]);
  return claimed.length === 1 ? { status: "claimed", flowId: secret.subject_id } : { status: "used" };
}

/**
 * Gives a live flow a new token (its hash): the device that lost it is gone, and the token never left it.
 * False when the flow has ended or expired meanwhile.
 */
export async function replaceFlowToken(db: Database, flowId: string, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db.execute("update flow set token_hash = ? where id = ? and status = 'active' and expires_at > ? returning id", [tokenHash, flowId, now]);
  return rows.length === 1;
}

/** Recovery links past their day of grace (kept that long to tell an expired link from a wrong one). */
export async function purgeRecoveryLinks(db: Database, before: Date): Promise<void> {
  await db.execute("delete from secret where kind = ? and expires_at < ?", [RECOVERY_SECRET, before]);
}
