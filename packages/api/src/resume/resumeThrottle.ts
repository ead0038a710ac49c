import { createHash } from "node:crypto";
import type { Database } from "@guichet/db";
import { DatabaseRateLimiter } from "../account/DatabaseRateLimiter";

/** At most `max` counted attempts per `windowMs`; then the key waits for the window's end. */
export interface ThrottleRule {
  readonly max: number;
  readonly windowMs: number;
}

export interface ThrottleKey {
  readonly kind: "mail" | "offer";
  readonly subject: string;
}

// Counters keep no personal data: flow ids are hashed too.
const hashed = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

/**
 * Resume attempts counted in the shared `rate_limit` table, so that a limit holds across every server
 * process. Only failures are counted: a citizen who types the right code is never slowed down.
 */
export function resumeThrottle(db: Database, now: () => Date, rules: Record<ThrottleKey["kind"], ThrottleRule>) {
  const limiters = Object.fromEntries(
    Object.entries(rules).map(([kind, rule]) => [
      kind,
      new DatabaseRateLimiter({ db, now, keyPrefix: `resume_${kind}`, points: rule.max, duration: Math.ceil(rule.windowMs / 1000) }),
    ]),
  ) as Record<ThrottleKey["kind"], DatabaseRateLimiter>;

  return {
    /** Milliseconds until every one of these keys may try again; 0 when none is blocked. */
    async waitFor(keys: ReadonlyArray<ThrottleKey>): Promise<number> {
      let wait = 0;
      for (const { kind, subject } of keys) {
        const res = await limiters[kind].get(hashed(subject));
        if (res && res.consumedPoints >= rules[kind].max) wait = Math.max(wait, res.msBeforeNext);
      }
      return wait;
    },

    async count(keys: ReadonlyArray<ThrottleKey>): Promise<void> {
      for (const { kind, subject } of keys) await limiters[kind].penalty(hashed(subject));
    },
  };
}
export type ResumeThrottle = ReturnType<typeof resumeThrottle>;
