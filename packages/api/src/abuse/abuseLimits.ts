/** At most `max` counted calls per `windowMs`; then the key waits for the window's end. */
export interface LimitRule {
  readonly max: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every ceiling that protects the service from one client, in one place, with its production value.
 * Counted per device first (a random cookie the server sets: a kiosk, a browser), then per client
 * address with a ceiling a busy town hall's devices never reach together in ordinary use. A script that
 * drops its cookies is a new device at each call and meets the address's ceiling. docs/abuse-limits.md
 * says what each one protects.
 */
export interface AbuseLimits {
  /**
   * New sign-ups (`flow.start`): a sign-up takes minutes, so a device starts about one a minute at most; an address
   * has an hourly ceiling and a per-minute one that only a burst (a script) reaches.
   */
  readonly flowStart: { readonly perDevice: LimitRule; readonly perAddress: LimitRule; readonly perAddressBurst: LimitRule };
  /** "Ce nom d'utilisateur est disponible": asked while typing, once the typing settles. */
  readonly usernameAvailable: { readonly perFlow: LimitRule; readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /** The strength meter's estimate (each one costs a worker some milliseconds of CPU). */
  readonly passwordStrength: { readonly perFlow: LimitRule; readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /** Wrong resume codes: one person's typos lock their own device out, not the town hall's other kiosks. */
  readonly resumeCode: { readonly perDevice: LimitRule; readonly perCode: LimitRule; readonly perAddress: LimitRule };
  /**
   * Wrong activation codes (6 digits). Per account *and* address, so a stranger's guesses lock only the
   * stranger; per account over the code's whole life, so many addresses together stay bounded.
   */
  readonly activationCode: { readonly perAccountAndAddress: LimitRule; readonly perAccount: LimitRule; readonly perAddress: LimitRule };
  /**
   * Live-view tickets (`flow.watchTicket`): each one is two rows written in the shared database, kept a
   * minute. A page asks for one when it opens its live view and when the view reconnects. Counted per
   * flow (by its token) in memory.
   */
  readonly watchTickets: { readonly perFlow: LimitRule };
  /** Open live views (`flow.watch`): past a ceiling, the oldest view is cut. */
  readonly liveViews: { readonly perFlow: number; readonly perAddress: number };
  /**
   * Every anonymous procedure, before it reads anything: counted in this process's memory (a lookup by a
   * token that does not exist still costs the database a read). Far above what a sign-up or a kiosk's day
   * needs; only a flood reaches it.
   */
  readonly calls: { readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /**
   * Reference lookups (`places.*`): answered from memory, so counted in memory, per process. Typing a
   * commune or a street fires one per pause (200 ms); a whole sign-up makes a few dozen.
   */
  readonly lookups: { readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /** Proof-of-work challenges (`pow.challenge`): a key derivation each; counted in the shared table. */
  readonly powChallenge: { readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /**
   * Every login (`account.login`), right or wrong: each one costs an argon2 verification (19 MiB, about
   * 20 ms). Failures have their own, lower ceilings (account/throttle.ts); this one holds a script that
   * logs into its own account in a loop. Counted in the shared table.
   */
  readonly logins: { readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /**
   * Passwords hashed in a flow (a valid SUIVANT at AUTHENTIFICATION or at a new password of Mon espace):
   * each one is an argon2 hash (19 MiB, about 20 ms of a core). Counted per flow then address, in the
   * shared table; a citizen hashes a password once or twice per sign-up.
   */
  readonly passwordHashes: { readonly perFlow: LimitRule; readonly perAddress: LimitRule };
  /** Photos sent (`POST /api/photo`): each one is decoded, resized and written to the database. Counted in the shared table. */
  readonly photos: { readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /**
   * The apps' files (pages, scripts, styles, the tab's icon), compressed as they are sent: counted in
   * memory. A page load asks for a dozen; the browser keeps them.
   */
  readonly files: { readonly perDevice: LimitRule; readonly perAddress: LimitRule };
  /**
   * FranceConnect logins started (each stores a login under way and costs FranceConnect a request) and callbacks
   * (each costs a token request, a signature check and userinfo). The callback comes from FranceConnect's page,
   * without the device's SameSite cookie: it counts per address only.
   */
  readonly franceConnect: { readonly perDevice: LimitRule; readonly perAddress: LimitRule; readonly callbacksPerAddress: LimitRule };
}

export const defaultAbuseLimits: AbuseLimits = {
  flowStart: { perDevice: { max: 10, windowMs: 10 * MINUTE }, perAddress: { max: 200, windowMs: HOUR }, perAddressBurst: { max: 30, windowMs: MINUTE } },
  usernameAvailable: {
    perFlow: { max: 60, windowMs: 10 * MINUTE },
    perDevice: { max: 120, windowMs: 10 * MINUTE },
    perAddress: { max: 600, windowMs: 10 * MINUTE },
  },
  passwordStrength: {
    perFlow: { max: 60, windowMs: 10 * MINUTE },
    perDevice: { max: 120, windowMs: 10 * MINUTE },
    perAddress: { max: 600, windowMs: 10 * MINUTE },
  },
  resumeCode: {
    perDevice: { max: 5, windowMs: 15 * MINUTE },
    perCode: { max: 5, windowMs: 15 * MINUTE },
    perAddress: { max: 50, windowMs: 15 * MINUTE },
  },
  activationCode: {
    perAccountAndAddress: { max: 5, windowMs: HOUR },
    // One code lives 72 hours and a "resend" makes a new one (its count starts afresh): at most 100
    // guesses of a 6-digit code is a 1 in 10,000 chance per code, and a new code costs an e-mail,
    // itself limited per account (3 an hour).
    perAccount: { max: 100, windowMs: 72 * HOUR },
    perAddress: { max: 30, windowMs: HOUR },
  },
  watchTickets: { perFlow: { max: 60, windowMs: 10 * MINUTE } },
  liveViews: { perFlow: 5, perAddress: 20 },
  calls: { perDevice: { max: 1_000, windowMs: 10 * MINUTE }, perAddress: { max: 10_000, windowMs: 10 * MINUTE } },
  lookups: { perDevice: { max: 300, windowMs: 10 * MINUTE }, perAddress: { max: 3_000, windowMs: 10 * MINUTE } },
  powChallenge: { perDevice: { max: 30, windowMs: 10 * MINUTE }, perAddress: { max: 300, windowMs: 10 * MINUTE } },
  logins: { perDevice: { max: 60, windowMs: 10 * MINUTE }, perAddress: { max: 300, windowMs: 10 * MINUTE } },
  passwordHashes: { perFlow: { max: 20, windowMs: 10 * MINUTE }, perAddress: { max: 300, windowMs: 10 * MINUTE } },
  photos: { perDevice: { max: 30, windowMs: 10 * MINUTE }, perAddress: { max: 300, windowMs: 10 * MINUTE } },
  files: { perDevice: { max: 600, windowMs: 10 * MINUTE }, perAddress: { max: 6_000, windowMs: 10 * MINUTE } },
  franceConnect: {
    perDevice: { max: 10, windowMs: 10 * MINUTE },
    perAddress: { max: 200, windowMs: 10 * MINUTE },
    callbacksPerAddress: { max: 200, windowMs: 10 * MINUTE },
  },
};

/**
 * The same limits with every per-address ceiling multiplied by `factor` (GUICHET_ADDRESS_LIMIT_FACTOR):
 * for a site where very many devices share one public address, or a load test from one machine.
 */
export function withAddressFactor(limits: AbuseLimits, factor: number): AbuseLimits {
  if (factor === 1) return limits;
  const scale = (r: LimitRule): LimitRule => ({ ...r, max: Math.ceil(r.max * factor) });
  return {
    flowStart: { ...limits.flowStart, perAddress: scale(limits.flowStart.perAddress), perAddressBurst: scale(limits.flowStart.perAddressBurst) },
    usernameAvailable: { ...limits.usernameAvailable, perAddress: scale(limits.usernameAvailable.perAddress) },
    passwordStrength: { ...limits.passwordStrength, perAddress: scale(limits.passwordStrength.perAddress) },
    resumeCode: { ...limits.resumeCode, perAddress: scale(limits.resumeCode.perAddress) },
    activationCode: { ...limits.activationCode, perAddress: scale(limits.activationCode.perAddress) },
    watchTickets: limits.watchTickets,
    liveViews: { ...limits.liveViews, perAddress: Math.ceil(limits.liveViews.perAddress * factor) },
    calls: { ...limits.calls, perAddress: scale(limits.calls.perAddress) },
    lookups: { ...limits.lookups, perAddress: scale(limits.lookups.perAddress) },
    powChallenge: { ...limits.powChallenge, perAddress: scale(limits.powChallenge.perAddress) },
    logins: { ...limits.logins, perAddress: scale(limits.logins.perAddress) },
    passwordHashes: { ...limits.passwordHashes, perAddress: scale(limits.passwordHashes.perAddress) },
    photos: { ...limits.photos, perAddress: scale(limits.photos.perAddress) },
    files: { ...limits.files, perAddress: scale(limits.files.perAddress) },
    franceConnect: {
      ...limits.franceConnect,
      perAddress: scale(limits.franceConnect.perAddress),
      callbacksPerAddress: scale(limits.franceConnect.callbacksPerAddress),
    },
  };
}
