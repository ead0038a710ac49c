import { createHash } from "node:crypto";
import type { Database } from "@guichet/db";
import { DatabaseRateLimiter } from "./account/DatabaseRateLimiter";

/**
 * How many e-mails may go out on an anonymous request (resume link, new activation e-mail,
 * password reset, "already registered" notice). Settings: GUICHET_MAIL_PER_RECIPIENT_HOUR and the
 * others (README, "Configuration").
 */
export interface MailLimits {
  /** To one address, whatever the flow, the account or the kind of e-mail. */
  readonly perRecipientHour: number;
  readonly perRecipientDay: number;
  /** Asked for from one client address. */
  readonly perClientHour: number;
  /** For the whole service: past it, an operator should look. */
  readonly globalHour: number;
}

export const defaultMailLimits: MailLimits = { perRecipientHour: 3, perRecipientDay: 10, perClientHour: 20, globalHour: 500 };

/** The e-mails sent without a logged-in citizen, each counted against the same budget. */
export type AnonymousMail = "resume" | "activation" | "passwordReset" | "alreadyRegistered";

export interface MailBudgetDeps {
  readonly db: Database;
  readonly now: () => Date;
  readonly limits?: MailLimits;
  /** Where the operator reads that the global budget is spent: one line when it first is, in each window. */
  readonly log?: (line: string) => void;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

// Counters keep no personal data: addresses are hashed.
const hashed = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 32);

/**
 * One mailbox, however it is written: case, spaces and a "+tag" change nothing, nor dots at Gmail.
 * Only for counting: a mail still goes to the address as typed.
 */
export function mailboxKey(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (domain === "gmail.com" || domain === "googlemail.com") local = local.replaceAll(".", "");
  return `${local}@${domain === "googlemail.com" ? "gmail.com" : domain}`;
}

/**
 * The e-mail budget: every anonymous e-mail is counted per recipient (an hour and a day), per client
 * address and for the whole service, in the shared `rate_limit` table, so it holds across processes.
 * Past any limit the e-mail is not written to the outbox at all (nothing waits to go later), and the
 * caller answers the same sentence as on success: a limit tells nobody whether an address exists.
 */
export function createMailBudget({ db, now, limits = defaultMailLimits, log = console.warn }: MailBudgetDeps) {
  const limiter = (keyPrefix: string, points: number, duration: number) => new DatabaseRateLimiter({ db, now, keyPrefix, points, duration });
  const byClient = limiter("mail_client", limits.perClientHour, HOUR);
  const byRecipientHour = limiter("mail_to_h", limits.perRecipientHour, HOUR);
  const byRecipientDay = limiter("mail_to_d", limits.perRecipientDay, DAY);
  const global = limiter("mail_all", limits.globalHour, HOUR);

  /** Consumes a point; the count after it, or false when past the limit. */
  async function take(l: DatabaseRateLimiter, key: string): Promise<{ ok: boolean; consumed: number; msBeforeNext: number }> {
    try {
      const res = await l.consume(key);
      return { ok: true, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      const res = rejection as { consumedPoints: number; msBeforeNext: number };
      return { ok: false, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
    }
  }

  return {
    limits,
    /**
     * May one more e-mail of `kind` go to `recipient`, asked for from `client`? Counts it if so.
     * The client's address is counted first (a sender spends its own budget before anyone else's),
     * the service's last (only e-mails that would really go out spend it).
     */
    async allow(kind: AnonymousMail, recipient: string, client: string | undefined): Promise<boolean> {
      if (client !== undefined && !(await take(byClient, hashed(client))).ok) return false;
      const to = hashed(mailboxKey(recipient));
      if (!(await take(byRecipientHour, to)).ok) return false;
      if (!(await take(byRecipientDay, to)).ok) return false;
      const all = await take(global, "all");
      if (all.ok) return true;
      // The first refusal of the window (counted atomically in the database) is the one that tells the operator.
      if (all.consumed === limits.globalHour + 1) {
        const minutes = Math.max(1, Math.ceil(all.msBeforeNext / 60_000));
        log(
          `Budget d'e-mails atteint : ${limits.globalHour} e-mails envoyés sur demande anonyme dans l'heure (GUICHET_MAIL_GLOBAL_PER_HOUR). ` +
            `Les demandes suivantes (dernière : ${kind}) ne partent pas pendant ${minutes} min ; vérifiez s'il s'agit d'un abus.`,
        );
      }
      return false;
    },
  };
}
export type MailBudget = ReturnType<typeof createMailBudget>;
