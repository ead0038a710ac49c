import { createRequire } from "node:module";
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from "rate-limiter-flexible";
import { rateLimitRepository, type Database, type RateLimitRepository } from "@guichet/db";

// The library's base class for stores is typed but not exported from its entry point.
const require = createRequire(import.meta.url);
const RateLimiterStoreAbstract = require("rate-limiter-flexible/lib/RateLimiterStoreAbstract.js") as typeof StoreAbstract;

export interface DatabaseRateLimiterOptions {
  readonly db: Database;
  readonly keyPrefix: string;
  readonly points: number;
  /** Seconds a window lasts from its first point. */
  readonly duration: number;
  /** Seconds a key stays refused once it has spent more than `points`. */
  readonly blockDuration?: number;
  /** Once a key has spent this many points, this process refuses it from memory until its window ends. */
  readonly inMemoryBlockOnConsumed?: number;
  readonly now: () => Date;
}

interface Row {
  readonly points: number;
  readonly expire: number | null;
}

/**
 * rate-limiter-flexible over our own `rate_limit` table (`rateLimitRepository`): one atomic upsert per point,
 * the same on SQLite and PostgreSQL, so every server process counts the same attempts (a memory limiter would
 * give each process its own count). Time is injected, so tests can move it.
 */
export class DatabaseRateLimiter extends RateLimiterStoreAbstract {
  private readonly counters: RateLimitRepository;
  private readonly now: () => Date;

  constructor({ db, now, ...options }: DatabaseRateLimiterOptions) {
    super({ ...options, storeClient: db });
    this.counters = rateLimitRepository(db);
    this.now = now;
  }

  /** Adds `points` to the key's window, or starts a new window when it has expired; `forceExpire` overwrites. */
  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const now = this.now().getTime();
    const expire = msDuration > 0 ? now + msDuration : null;
    return this.counters.add(rlKey, points, expire, now, forceExpire);
  }

  async _get(rlKey: string): Promise<Row | null> {
    return (await this.counters.get(rlKey, this.now().getTime())) ?? null;
  }

  async _delete(rlKey: string): Promise<boolean> {
    return this.counters.delete(rlKey);
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, row: Row): RateLimiterRes {
    const consumed = row.points;
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      row.expire === null ? -1 : Math.max(row.expire - this.now().getTime(), 0),
      consumed,
      consumed === changedPoints,
    );
  }
}

/** Forgets counters whose window ended: called now and then, the table stays small. */
export async function purgeRateLimits(db: Database, now: Date): Promise<void> {
  await rateLimitRepository(db).deleteEnded(now.getTime());
}
