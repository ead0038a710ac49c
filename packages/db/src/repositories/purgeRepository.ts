import type { Runner } from "../transaction";

const BATCH = 500;

/** Rows erased by one purge, per kind. */
export interface PurgeCounts {
  flows: number;
  captchas: number;
  photos: number;
  secrets: number;
  resumeSeals: number;
  franceConnectLogins: number;
  sessions: number;
  rateLimits: number;
  sentMails: number;
  deadLetters: number;
}

export interface PurgeAges {
  /** How long a used or expired secret is kept, to say "already used" or "expired" rather than "unknown". */
  readonly secretGraceMs: number;
  /** How long sent e-mails and dead letters (without their data) are kept. */
  readonly sentMailKeptMs: number;
}

/**
 * Erases what has outlived its use: expired and cancelled flows with their captcha challenges and
 * photos (unless the flow made an account), used or expired secrets, FranceConnect logins never completed, ended sessions and throttle
 * windows, e-mails sent or given up long ago. Every statement is a plain idempotent DELETE, in batches;
 * on PostgreSQL the batches skip rows another process is deleting or writing, so every process may
 * purge at the same time without waiting on or deadlocking with another.
 */
export async function purgeExpired(db: Runner, now: Date, ages: PurgeAges): Promise<PurgeCounts> {
  const skipLocked = db.engine === "postgresql" ? " for update skip locked" : "";
  const deleteWhere = async (table: string, key: string, where: string, params: unknown[]) => {
    let total = 0;
    for (;;) {
      const rows = await db.execute(
        `delete from ${table} where ${key} in (select ${key} from ${table} where ${where} limit ${BATCH}${skipLocked}) returning ${key}`,
        params,
      );
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  };
  const graceEnd = new Date(now.getTime() - ages.secretGraceMs);
  const mailEnd = new Date(now.getTime() - ages.sentMailKeptMs);
  const noFlow = (table: string) => `not exists (select 1 from flow where flow.id = ${table}.flow_id)`;

  // Flows first: their captcha rows and photos are then the ones without a flow.
  const flows = await deleteWhere("flow", "id", "expires_at <= ? or status = 'cancelled'", [now]);
  return {
    flows,
    captchas: await deleteWhere("captcha", "id", `expires_at <= ? or ${noFlow("captcha")}`, [now]),
    // A finished sign-up's photo belongs to the account it made, which outlives the flow.
    photos: await deleteWhere("photo", "id", `${noFlow("photo")} and not exists (select 1 from account where account.flow_id = photo.flow_id)`, []),
    secrets: await deleteWhere("secret", "id", "expires_at <= ? or used_at <= ?", [graceEnd, graceEnd]),
    resumeSeals: await deleteWhere("resume_seal", "secret_id", "expires_at <= ?", [now.getTime()]),
    franceConnectLogins: await deleteWhere("franceconnect_login", "state_hash", "expires_at <= ?", [now.getTime()]),
    sessions: await deleteWhere("session", "id", "expires_at <= ?", [now]),
    rateLimits: await deleteWhere("rate_limit", "key", "expire is not null and expire <= ?", [now.getTime()]),
    sentMails: await deleteWhere("outbox", "id", "sent_at is not null and sent_at <= ?", [mailEnd]),
    deadLetters: await deleteWhere("outbox", "id", "dead_at is not null and dead_at <= ?", [mailEnd]),
  };
}
