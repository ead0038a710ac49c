import type { Runner } from "../transaction";

/** A counter's window: points spent, and when it ends (epoch ms; null: never). */
export interface RateLimitRow {
  readonly points: number;
  readonly expire: number | null;
}

// PostgreSQL hands bigint back as text.
const read = (r: { points: unknown; expire: unknown }): RateLimitRow => ({
  points: Number(r.points),
  expire: r.expire === null || r.expire === undefined ? null : Number(r.expire),
});

/** The `rate_limit` table: throttling counters shared by every server process, and spent proofs of work. Times are epoch ms. */
export function rateLimitRepository(db: Runner) {
  return {
    /**
     * Adds `points` to the key's window, or starts a new one ending at `expire` when the old one has
     * ended at `now`; `replace` overwrites whatever was there. One atomic upsert, the same on both engines.
     */
    async add(key: string, points: number, expire: number | null, now: number, replace = false): Promise<RateLimitRow> {
      const live = "(rate_limit.expire is null or rate_limit.expire > ?)";
      const rows = replace
        ? await db.execute<{ points: unknown; expire: unknown }>(
            "insert into rate_limit (key, points, expire) values (?, ?, ?) on conflict (key) do update set points = excluded.points, expire = excluded.expire returning points, expire",
            [key, points, expire],
          )
        : await db.execute<{ points: unknown; expire: unknown }>(
            `insert into rate_limit (key, points, expire) values (?, ?, ?) on conflict (key) do update set
               points = case when ${live} then rate_limit.points + excluded.points else excluded.points end,
               expire = case when ${live} then rate_limit.expire else excluded.expire end
             returning points, expire`,
            [key, points, expire, now, now],
          );
      return read(rows[0]!);
    },
    /** The key's window if it is still running at `now`. */
    async get(key: string, now: number): Promise<RateLimitRow | undefined> {
      const rows = await db.execute<{ points: unknown; expire: unknown }>(
        "select points, expire from rate_limit where key = ? and (expire is null or expire > ?)",
        [key, now],
      );
      return rows[0] ? read(rows[0]) : undefined;
    },
    /** True if there was such a key. */
    async delete(key: string): Promise<boolean> {
      return (await db.execute("delete from rate_limit where key = ? returning key", [key])).length > 0;
    },
    /** Writes the key only if it is absent: true the first time, in whatever process. */
    async insertOnce(key: string, expire: number): Promise<boolean> {
      const rows = await db.execute("insert into rate_limit (key, points, expire) values (?, 1, ?) on conflict (key) do nothing returning key", [key, expire]);
      return rows.length === 1;
    },
    /** Forgets counters whose window ended. */
    async deleteEnded(now: number): Promise<void> {
      await db.execute("delete from rate_limit where expire is not null and expire <= ?", [now]);
    },
  };
}
export type RateLimitRepository = ReturnType<typeof rateLimitRepository>;
