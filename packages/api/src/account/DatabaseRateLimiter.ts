import { createRequire } from "node:module";
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from "rate-limiter-flexible";
import type { Database } from "@guichet/db";

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
  points: number;
  expire: number | null;
}

/**
 * rate-limiter-flexible over our own `rate_limit` table: one atomic upsert per point, the same SQL on
 * SQLite and PostgreSQL, so every server process counts the same attempts (a memory limiter would
 * give each process its own count). Time is injected, so tests can move it.
 */
export class DatabaseRateLimiter extends RateLimiterStoreAbstract {
  private readonly db: Database;
  private readonly now: () => Date;

  constructor({ db, now, ...options }: DatabaseRateLimiterOptions) {
    super({ ...options, storeClient: db });
    this.db = db;
    this.now = now;
  }

  /** Adds `points` to the key's window, or starts a new window when it has expired; `forceExpire` overwrites. */
  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const now = this.now().getTime();
    const expire = msDuration > 0 ? now + msDuration : null;
    const live = "(rate_limit.expire is null or rate_limit.expire > ?)";
    const sql = forceExpire
      ? "insert into rate_limit (key, points, expire) values (?, ?, ?) on conflict (key) do update set points = excluded.points, expire = excluded.expire returning points, expire"
      : `insert into rate_limit (key, points, expire) values (?, ?, ?) on conflict (key) do update set
           points = case when ${live} then rate_limit.points + excluded.points else excluded.points end,
           expire = case when ${live} then rate_limit.expire else excluded.expire end
         returning points, expire`;
    const params = forceExpire ? [rlKey, points, expire] : [rlKey, points, expire, now, now];
    const rows = await this.db.execute<{ points: unknown; expire: unknown }>(sql, params);
    return toRow(rows[0]!);
  }

  async _get(rlKey: string): Promise<Row | null> {
    const rows = await this.db.execute<{ points: unknown; expire: unknown }>(
      "select points, expire from rate_limit where key = ? and (expire is null or expire > ?)",
      [rlKey, this.now().getTime()],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async _delete(rlKey: string): Promise<boolean> {
    const rows = await this.db.execute("delete from rate_limit where key = ? returning key", [rlKey]);
    return rows.length > 0;
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

// PostgreSQL hands bigint back as text.
const toRow = (r: { points: unknown; expire: unknown }): Row => ({
  points: Number(r.points),
  expire: r.expire === null || r.expire === undefined ? null : Number(r.expire),
});

/** Forgets counters whose window ended: called now and then, the table stays small. */
export async function purgeRateLimits(db: Database, now: Date): Promise<void> {
  await db.execute("delete from rate_limit where expire is not null and expire <= ?", [now.getTime()]);
}
