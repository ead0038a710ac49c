import { createHash } from "node:crypto";
import type { RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@guichet/db";
import { DatabaseRateLimiter } from "../account/DatabaseRateLimiter";
import type { LimitRule } from "./abuseLimits";

// Counters keep no personal data: addresses, devices and codes are hashed.
const hashed = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

/** One counter of a call: a rule, and what it counts by (a flow, a device, an address…). */
export interface Counted {
  readonly rule: LimitRule;
  readonly subject: string;
}

/**
 * Calls counted in the shared `rate_limit` table, so a ceiling holds across every server process.
 * `take` counts the call on each key in order and stops at the first one that is full: a device that
 * is refused does not also spend its address's allowance.
 */
export function requestThrottle(db: Database, now: () => Date, prefix: string, options: { readonly memoryBlock?: boolean } = {}) {
  const limiters = new Map<string, DatabaseRateLimiter>();
  const limiterFor = (name: string, rule: LimitRule) => {
    const key = `${prefix}_${name}`;
    let l = limiters.get(key);
    if (!l) {
      l = new DatabaseRateLimiter({
        db,
        now,
        keyPrefix: key,
        points: rule.max,
        duration: Math.ceil(rule.windowMs / 1000),
        // A full key is then refused from memory until its window ends: a burst costs the database nothing more.
        ...(options.memoryBlock ? { inMemoryBlockOnConsumed: rule.max } : {}),
      });
      limiters.set(key, l);
    }
    return l;
  };

  return {
    /** Counts one call; the milliseconds to wait when a key is full, or 0. */
    async take(keys: Readonly<Record<string, Counted>>): Promise<number> {
      for (const [name, { rule, subject }] of Object.entries(keys)) {
        try {
          await limiterFor(name, rule).consume(hashed(subject));
        } catch (rejection) {
          if (rejection instanceof Error) throw rejection;
          return Math.max(1000, (rejection as RateLimiterRes).msBeforeNext);
        }
      }
      return 0;
    },

    /** The milliseconds until every key may be counted again (0 when none is full), counting nothing. */
    async waitFor(keys: Readonly<Record<string, Counted>>): Promise<number> {
      let wait = 0;
      for (const [name, { rule, subject }] of Object.entries(keys)) {
        const res = await limiterFor(name, rule).get(hashed(subject));
        if (res && res.consumedPoints >= rule.max) wait = Math.max(wait, res.msBeforeNext);
      }
      return wait;
    },

    /** Counts a failure on every key (failures only: a right answer is never slowed down). */
    async count(keys: Readonly<Record<string, Counted>>): Promise<void> {
      for (const [name, { rule, subject }] of Object.entries(keys)) await limiterFor(name, rule).penalty(hashed(subject));
    },

    async forget(name: string, rule: LimitRule, subject: string): Promise<void> {
      await limiterFor(name, rule).delete(hashed(subject));
    },
  };
}
export type RequestThrottle = ReturnType<typeof requestThrottle>;
