import type { Database } from "@guichet/db";

/** A used or expired link still says "already used" or "expired" for a day before it is forgotten. */
export const SECRET_GRACE_MS = 86_400_000;
/** Sent e-mails and dead letters are kept (without their data) for a month, for support questions. */
export const SENT_MAIL_KEPT_MS = 30 * 86_400_000;
const BATCH = 500;

export interface PurgeCounts {
  flows: number;
  captchas: number;
  photos: number;
  secrets: number;
  resumeSeals: number;
  sessions: number;
  rateLimits: number;
  sentMails: number;
  deadLetters: number;
}

/**
 * Erases what has outlived its use: expired and cancelled flows with their captcha challenges and
 * photos (unless the flow made an account), used or expired secrets, ended sessions and throttle windows, and e-mails sent or given up over a
 * month ago. Every statement is a plain idempotent DELETE, in batches; on PostgreSQL the batches skip rows
 * another process is deleting or writing, so every process may purge at the same time without
 * waiting on or deadlocking with another.
 */
export async function purgeOnce(db: Database, now: Date): Promise<PurgeCounts> {
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
  const graceEnd = new Date(now.getTime() - SECRET_GRACE_MS);
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
    sessions: await deleteWhere("session", "id", "expires_at <= ?", [now]),
    rateLimits: await deleteWhere("rate_limit", "key", "expire is not null and expire <= ?", [now.getTime()]),
    sentMails: await deleteWhere("outbox", "id", "sent_at is not null and sent_at <= ?", [new Date(now.getTime() - SENT_MAIL_KEPT_MS)]),
    deadLetters: await deleteWhere("outbox", "id", "dead_at is not null and dead_at <= ?", [new Date(now.getTime() - SENT_MAIL_KEPT_MS)]),
  };
}

export interface Purger {
  /** Purges now (awaits a purge already running instead of starting a second one). */
  run(): Promise<PurgeCounts | undefined>;
  stop(): Promise<void>;
}

/**
 * Purges every `intervalMs` (10 minutes), each wait drawn between 75 % and 125 % of it and the first
 * anywhere within it, so that processes started together do not purge together.
 */
export function startPurger(
  db: Database,
  options: { now?: () => Date; intervalMs?: number; log?: Pick<Console, "warn"> } = {},
): Purger {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 10 * 60_000;
  const log = options.log ?? console;
  let running: Promise<PurgeCounts | undefined> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const run = () =>
    (running ??= purgeOnce(db, now())
      .catch((err: Error) => {
        if (!stopped) log.warn(`purge failed: ${err.message}`);
        return undefined;
      })
      .finally(() => (running = undefined)));

  const schedule = (delay: number) => {
    if (stopped) return;
    // run() never rejects: it logs its failure and resolves.
    timer = setTimeout(() => {
      void run().then(() => schedule(intervalMs * (0.75 + Math.random() / 2)));
    }, delay);
    timer.unref();
  };
  schedule(Math.random() * intervalMs);

  return {
    run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
