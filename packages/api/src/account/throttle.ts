import { createHash } from "node:crypto";
import type { RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@guichet/db";
import { DatabaseRateLimiter, purgeRateLimits } from "./DatabaseRateLimiter";
import { defaultAbuseLimits, type AbuseLimits, type LimitRule } from "../abuse/abuseLimits";

/** Counters keep no personal data: usernames, e-mail addresses and IP addresses are hashed. */
const subject = (s: string) => createHash("sha256").update(s.trim().toLowerCase()).digest("base64url").slice(0, 32);

/** A refusal, with the seconds the citizen must wait. */
export interface Wait {
  readonly retryAfterSeconds: number;
}

/**
 * Login (CNIL, délibération 2022-100, passwords of 8 characters or more with access restrictions), counted per
 * account *and* client address, so a stranger's guesses slow the stranger and never lock the owner out (OWASP,
 * lockout abuse): after 5 failures on one account from one address, that address waits 1 minute for that
 * account, and each further failure doubles the wait, up to 1 hour. An address that fails 50 times within an
 * hour, whatever the accounts, waits until that hour is over. Many addresses guessing one account together meet
 * the account's own ceiling, 100 failures a day: past it, only the addresses the account logged in from in the
 * last 30 days are let through until the day is over. A success forgets that address's failures on the account.
 */
export const LOGIN_FREE_FAILURES = 5;
const LOGIN_FIRST_DELAY_S = 60;
const LOGIN_MAX_DELAY_S = 3600;
const LOGIN_ADDRESS_FAILURES = 50;
export const LOGIN_ACCOUNT_FAILURES = 100;
const LOGIN_ACCOUNT_WINDOW_S = 24 * 3600;
const LOGIN_KNOWN_ADDRESS_S = 30 * 24 * 3600;
/**
 * Service keys typed by hand, per flow or account: enough for a citizen who mistypes, too few to try keys.
 * Per client address, wider: a town hall's kiosks share one address and one person must not lock it.
 */
export const SERVICE_KEY_TRIES = 10;
export const SERVICE_KEY_ADDRESS_TRIES = 100;

export function createThrottle(db: Database, now: () => Date, codeLimits: AbuseLimits["activationCode"] = defaultAbuseLimits.activationCode) {
  const limiter = (keyPrefix: string, points: number, duration: number, blockDuration = 0) =>
    new DatabaseRateLimiter({ db, now, keyPrefix, points, duration, blockDuration });

  const loginFailures = limiter("login_fail_ip", LOGIN_FREE_FAILURES, 24 * 3600);
  const loginLock = limiter("login_lock_ip", 1, LOGIN_MAX_DELAY_S);
  const loginByAddress = limiter("login_ip", LOGIN_ADDRESS_FAILURES, 3600);
  const loginByAccount = limiter("login_acct", LOGIN_ACCOUNT_FAILURES, LOGIN_ACCOUNT_WINDOW_S);
  const loginKnownAddress = limiter("login_known", 1, LOGIN_KNOWN_ADDRESS_S);
  const accountAtAddress = (usernameKey: string, ip: string) => subject(`${usernameKey}|${ip}`);
  // Activation codes (abuseLimits.activationCode): a stranger's guesses spend the stranger's own
  // allowance (account and address together), never the owner's; the per-account ceiling over the
  // code's life keeps the odds of a many-address guess at 1 in 10,000 per code.
  const seconds = (r: LimitRule) => Math.ceil(r.windowMs / 1000);
  const { perAccountAndAddress, perAccount, perAddress } = codeLimits;
  const codeByAccountAndAddress = limiter("code_acct_ip", perAccountAndAddress.max, seconds(perAccountAndAddress), seconds(perAccountAndAddress));
  const codeByAccount = limiter("code_acct", perAccount.max, seconds(perAccount));
  const codeByAddress = limiter("code_ip", perAddress.max, seconds(perAddress), seconds(perAddress));
  const keyBySubject = limiter("key_subj", SERVICE_KEY_TRIES, 3600);
  const keyByAddress = limiter("key_ip", SERVICE_KEY_ADDRESS_TRIES, 3600);

  /** Refused while the counter has reached `atLeast`, until its window (or block) ends. */
  const waitOf = (res: RateLimiterRes | null, atLeast: number): Wait | undefined =>
    res && res.consumedPoints >= atLeast && res.msBeforeNext > 0 ? { retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) } : undefined;

  /** Consumes one point; a refusal is rate-limiter-flexible's rejection with a RateLimiterRes. */
  async function take(l: DatabaseRateLimiter, key: string): Promise<Wait | undefined> {
    try {
      await l.consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      const res = rejection as RateLimiterRes;
      return { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    }
  }

  let lastPurge = 0;
  async function purgeNowAndThen() {
    const t = now().getTime();
    if (t - lastPurge < 600_000) return;
    lastPurge = t;
    await purgeRateLimits(db, now());
  }

  return {
    /** Before checking a password: is this address made to wait, for this account or for all? */
    async loginWait(usernameKey: string, ip: string): Promise<Wait | undefined> {
      await purgeNowAndThen();
      const [lock, byIp, byAccount] = await Promise.all([
        loginLock.get(accountAtAddress(usernameKey, ip)),
        loginByAddress.get(subject(ip)),
        loginByAccount.get(subject(usernameKey)),
      ]);
      // A block stores points + 1.
      const wait = waitOf(lock, 2) ?? waitOf(byIp, LOGIN_ADDRESS_FAILURES);
      if (wait) return wait;
      const accountWait = waitOf(byAccount, LOGIN_ACCOUNT_FAILURES);
      // An account under a many-address guess still opens where its owner logged in lately.
      return accountWait && !(await loginKnownAddress.get(accountAtAddress(usernameKey, ip))) ? accountWait : undefined;
    },

    /** After a wrong password: counts it and, past the free failures, makes this address wait for this account, a doubling delay. */
    async loginFailed(usernameKey: string, ip: string): Promise<void> {
      const here = accountAtAddress(usernameKey, ip);
      const res = await loginFailures.penalty(here);
      const beyond = res.consumedPoints - LOGIN_FREE_FAILURES;
      if (beyond >= 0) await loginLock.block(here, Math.min(LOGIN_FIRST_DELAY_S * 2 ** beyond, LOGIN_MAX_DELAY_S));
      // The address's 50th failure in its hour makes it wait for the rest of that hour.
      await loginByAddress.penalty(subject(ip));
      await loginByAccount.penalty(subject(usernameKey));
    },

    /** The right password: this address's failures on the account are forgotten, and the address is known to it for 30 days. */
    async loginSucceeded(usernameKey: string, ip: string): Promise<void> {
      const here = accountAtAddress(usernameKey, ip);
      await Promise.all([loginFailures.delete(here), loginLock.delete(here), loginKnownAddress.set(here, 1, LOGIN_KNOWN_ADDRESS_S)]);
    },

    /** One guess of an activation code; refused past the limits, whether the guess would be right or not. */
    async codeGuess(accountOrIdentifier: string, ip: string): Promise<Wait | undefined> {
      await purgeNowAndThen();
      return (
        (await take(codeByAddress, subject(ip))) ??
        (await take(codeByAccountAndAddress, subject(`${accountOrIdentifier}|${ip}`))) ??
        (await take(codeByAccount, subject(accountOrIdentifier)))
      );
    },

    async codeSucceeded(accountId: string, ip: string): Promise<void> {
      await Promise.all([codeByAccount.delete(subject(accountId)), codeByAccountAndAddress.delete(subject(`${accountId}|${ip}`))]);
    },

    /** A new code (a "resend"): the account's count starts afresh, as the odds are per code. */
    async codeIssued(accountId: string): Promise<void> {
      await codeByAccount.delete(subject(accountId));
    },

    /** One service key typed by a flow or an account (`flow:…`, `account:…`) from an address; refused past either limit. */
    async serviceKeyTry(flowOrAccount: string, ip: string): Promise<Wait | undefined> {
      await purgeNowAndThen();
      return (await take(keyByAddress, subject(ip))) ?? (await take(keyBySubject, subject(flowOrAccount)));
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
