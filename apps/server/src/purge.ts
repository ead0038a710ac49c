import { purgeExpired, type Database, type PurgeCounts } from "@guichet/db";

export type { PurgeCounts } from "@guichet/db";

/** A used or expired link still says "already used" or "expired" for a day before it is forgotten. */
export const SECRET_GRACE_MS = 86_400_000;
/** Sent e-mails and dead letters are kept (without their data) for a month, for support questions. */
export const SENT_MAIL_KEPT_MS = 30 * 86_400_000;

/**
 * Erases what has outlived its use (`purgeExpired`): every process may run it at the same time,
 * its deletes are idempotent and skip each other's rows.
 */
export function purgeOnce(db: Database, now: Date): Promise<PurgeCounts> {
  return purgeExpired(db, now, { secretGraceMs: SECRET_GRACE_MS, sentMailKeptMs: SENT_MAIL_KEPT_MS });
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
export function startPurger(db: Database, options: { now?: () => Date; intervalMs?: number; log?: Pick<Console, "warn"> } = {}): Purger {
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
