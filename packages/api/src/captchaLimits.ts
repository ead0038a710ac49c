import { createHash } from "node:crypto";
import type { RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@guichet/db";
import { DatabaseRateLimiter } from "./account/DatabaseRateLimiter";

/** Wrong answers (pictures and questions alike) after which a sign-up waits. */
export const CAPTCHA_FREE_FAILURES = 5;
/** How long it then waits before any answer is checked again. */
export const CAPTCHA_WAIT_SECONDS = 15 * 60;
/** Production default of challenges issued per client address and hour: far above a town hall's busiest day. */
export const CAPTCHA_CHALLENGES_PER_ADDRESS_HOUR = 60;

// Counters keep no personal data: addresses are hashed.
const hashed = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);
const seconds = (res: RateLimiterRes | null) => (res ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0);

/**
 * The security check's limits, whichever captcha answers: counted in the shared `rate_limit` table,
 * so a wait holds for every server process. Each answer says how many seconds to wait (0: none).
 */
export function captchaLimits(db: Database, now: () => Date, options: { challengesPerAddressHour?: number } = {}) {
  const perHour = options.challengesPerAddressHour ?? CAPTCHA_CHALLENGES_PER_ADDRESS_HOUR;
  // A day's window for the count; the block it leads to replaces the count, so a new count starts after the wait.
  const failures = new DatabaseRateLimiter({ db, now, keyPrefix: "captcha_fail", points: CAPTCHA_FREE_FAILURES, duration: 24 * 3600 });
  const challenges = new DatabaseRateLimiter({ db, now, keyPrefix: "captcha_ip", points: perHour, duration: 3600 });

  return {
    /** Seconds a flow must wait before any answer of it is checked. */
    async flowWait(flowId: string): Promise<number> {
      const res = await failures.get(flowId);
      return res && res.consumedPoints >= CAPTCHA_FREE_FAILURES ? seconds(res) : 0;
    },

    /** Counts a wrong answer; from the fifth, the flow waits, and the wait in seconds is returned. */
    async failed(flowId: string): Promise<number> {
      const res = await failures.penalty(flowId);
      if (res.consumedPoints < CAPTCHA_FREE_FAILURES) return 0;
      await failures.block(flowId, CAPTCHA_WAIT_SECONDS);
      return CAPTCHA_WAIT_SECONDS;
    },

    /** Counts a new challenge for a client address; past the hourly cap, the seconds until the next is allowed. */
    async issuing(ip: string): Promise<number> {
      try {
        await challenges.consume(hashed(ip));
        return 0;
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        return seconds(rejection as RateLimiterRes);
      }
    },
  };
}
export type CaptchaLimits = ReturnType<typeof captchaLimits>;
