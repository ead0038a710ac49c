import { createHash } from "node:crypto";
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import type { LimitRule } from "./abuseLimits";
import type { Counted } from "./requestThrottle";

// Even in memory, counters keep no address and no device id in clear.
const hashed = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

/**
 * Calls counted in this process's memory: for calls cheaper than a database write (a lookup in memory,
 * a read by a token), which must not cost one. Each process counts on its own, so with several processes
 * a client may make up to that many times the calls. `take` first looks whether any key is already full
 * (then nothing is counted and no key is made), then counts each key in order: a refused device does not
 * spend its address's allowance, and a full address costs no new key per call.
 */
export function memoryThrottle(prefix: string) {
  const limiters = new Map<string, RateLimiterMemory>();
  const limiterFor = (name: string, rule: LimitRule) => {
    const key = `${prefix}_${name}`;
    let l = limiters.get(key);
    if (!l) {
      l = new RateLimiterMemory({ keyPrefix: key, points: rule.max, duration: Math.ceil(rule.windowMs / 1000) });
      limiters.set(key, l);
    }
    return l;
  };

  return {
    /** Counts one call; the milliseconds to wait when a key is full, or 0. */
    async take(keys: Readonly<Record<string, Counted>>): Promise<number> {
      const entries = Object.entries(keys).map(([name, { rule, subject }]) => ({ limiter: limiterFor(name, rule), rule, key: hashed(subject) }));
      for (const { limiter, rule, key } of entries) {
        const res = await limiter.get(key);
        if (res && res.consumedPoints >= rule.max) return Math.max(1000, res.msBeforeNext);
      }
      for (const { limiter, key } of entries) {
        try {
          await limiter.consume(key);
        } catch (rejection) {
          if (rejection instanceof Error) throw rejection;
          return Math.max(1000, (rejection as RateLimiterRes).msBeforeNext);
        }
      }
      return 0;
    },
  };
}
export type MemoryThrottle = ReturnType<typeof memoryThrottle>;
