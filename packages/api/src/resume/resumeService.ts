import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import {
  claimRecoveryLink,
  isUniqueViolation,
  outboxRepository,
  purgeRecoveryLinks,
  queueRecoveryLink,
  replaceFlowToken,
  resumeSealRepository,
  secretRepository,
  transaction,
  unfinishedFlowsByEmail,
  type Database,
  type FlowStore,
} from "@guichet/db";
import { canonicalEmail, fr, isEmail, type FlowView } from "@guichet/schema";
import { flowErrors } from "../FlowError";
import type { FlowRuntime } from "../flowRuntime";
import type { FlowEvents } from "../live/FlowEvents";
import { hashToken, newSecretToken } from "../secretToken";
import { purgeRateLimits } from "../account/DatabaseRateLimiter";
import type { MailBudget } from "../mailBudget";
import { formatResumeCode, newResumeCode, normalizeResumeCode } from "./resumeCode";
import { resumeMessages as text } from "./resumeMessages";
import { resumeThrottle, type ThrottleKey, type ThrottleRule } from "./resumeThrottle";
import { defaultAbuseLimits, type AbuseLimits } from "../abuse/abuseLimits";
import type { Caller } from "../abuse/abuseGuard";
import { requestThrottle } from "../abuse/requestThrottle";
import { codeKeys, linkKeys, seal, unseal, type SecretKeys } from "./sealedToken";

export const RESUME_TTL_MS = 30 * 60_000;

/** Wrong codes are limited by abuseLimits (`resumeCode`); these are the offers and e-mails of one flow. */
export interface ResumeLimits {
  /** Resume e-mails sent for one flow. */
  readonly mailsPerFlow: ThrottleRule;
  /** Codes made for one flow (each costs a slow hash). */
  readonly offersPerFlow: ThrottleRule;
}

export const defaultResumeLimits: ResumeLimits = {
  mailsPerFlow: { max: 3, windowMs: RESUME_TTL_MS },
  offersPerFlow: { max: 20, windowMs: RESUME_TTL_MS },
};

export interface ResumeServiceDeps {
  readonly db: Database;
  readonly store: FlowStore;
  readonly flows: FlowRuntime;
  readonly events: FlowEvents;
  /** Where citizens open the web app, for the link in the QR code and the e-mail. */
  readonly publicUrl: string;
  readonly now: () => Date;
  /** Told after a resume e-mail is queued, so the outbox worker sends it at once. */
  readonly onQueued?: () => void;
  readonly limits?: ResumeLimits;
  /** Resume e-mails count against the e-mail budget, per recipient whatever the flow. */
  readonly mailBudget: MailBudget;
  /** Wrong codes per device, per code and per address. */
  readonly codeLimits?: AbuseLimits["resumeCode"];
}

/** What "Continuer sur un autre appareil" shows. */
export interface ResumeOffer {
  /** `K7QM-4P2X` */
  readonly code: string;
  readonly link: string;
  /** The link as a QR code, an SVG document drawn on the server. */
  readonly qrSvg: string;
  readonly expiresAt: string;
  /** The flow's e-mail address, partly hidden, once the contacts step gave one; the link can then be sent there. */
  readonly email: string | null;
}

const CODE = "resume-code";
const LINK = "resume-link";
// An expired secret is kept a day, so that it can still be told apart from a wrong one.
const KEEP_EXPIRED_MS = 86_400_000;

const fail = (code: TRPCError["code"], message: string) => new TRPCError({ code, message });

/** Unfinished sign-ups of one address that "Retrouver mon inscription" writes to, newest first. */
export const RECOVERY_FLOWS_MAX = 3;

/**
 * Continue a sign-up on another device: a short code and a long link, each stored as a hash, each
 * holding the flow's token sealed under itself, single use, valid 30 minutes. Whoever redeems one
 * gets the flow's token; the other open views of the flow hear of it (the kiosk then resets).
 */
export function createResumeService(deps: ResumeServiceDeps) {
  const { db, store, flows, events, publicUrl, now } = deps;
  const limits = deps.limits ?? defaultResumeLimits;
  const throttle = resumeThrottle(db, now, { mail: limits.mailsPerFlow, offer: limits.offersPerFlow });
  const codeLimits = deps.codeLimits ?? defaultAbuseLimits.resumeCode;
  const codeThrottle = requestThrottle(db, now, "resume");

  async function activeFlow(token: string) {
    const record = await store.findByTokenHash(hashToken(token), now());
    if (!record) throw flowErrors.notFound();
    if (record.status !== "active") throw fail("PRECONDITION_FAILED", text.finished);
    return record;
  }

  const resumeUrl = (link: string) => `${publicUrl}/reprendre#${link}`;
  const recoveryUrl = (link: string) => `${publicUrl}/reprendre#jeton=${link}`;

  /** Writes secrets (hash in `secret`, sealed token in `resume_seal`) and, when given, an e-mail, in one transaction. */
  async function write(flowId: string, token: string, secrets: Array<{ kind: string; keys: SecretKeys }>, mail?: { to: string; url: string }) {
    const at = now();
    const expiresAt = new Date(at.getTime() + RESUME_TTL_MS);
    const offerId = randomUUID();
    await transaction(db, async (tx) => {
      for (const { kind, keys } of secrets) {
        const id = randomUUID();
        await secretRepository(tx).insert({ id, kind, hash: keys.lookup, subjectId: flowId, expiresAt, createdAt: at });
        await resumeSealRepository(tx).insert({ secretId: id, offerId, flowId, sealed: seal(token, keys.key, id), expiresAt });
      }
      if (mail) await outboxRepository(tx).enqueue({ recipient: mail.to, template: "resume", data: { resumeUrl: mail.url }, at });
    });
    return expiresAt;
  }

  async function purge() {
    const before = new Date(now().getTime() - KEEP_EXPIRED_MS);
    await resumeSealRepository(db).deleteExpired(now());
    await secretRepository(db).deleteExpired([CODE, LINK], before);
    await purgeRecoveryLinks(db, before);
    await purgeRateLimits(db, now());
  }

  /** A recovery link: claimed once, then the flow gets a new token, which only this device holds. */
  async function redeemRecovery(secret: string): Promise<FlowView | undefined> {
    const claim = await claimRecoveryLink(db, linkKeys(secret).lookup, now());
    if (claim.status !== "claimed") {
      if (claim.status === "unknown") return undefined;
      throw fail("PRECONDITION_FAILED", claim.status === "used" ? text.recoveryUsed : text.recoveryExpired);
    }
    const token = newSecretToken();
    if (!(await replaceFlowToken(db, claim.flowId, hashToken(token), now()))) throw fail("PRECONDITION_FAILED", text.finished);
    const view = await flows.get(token);
    // Views still open elsewhere hold the old token: they hear the flow went on without them.
    events.publish(claim.flowId, { kind: "resumed", version: view.version });
    return view;
  }

  /** Claims a secret found by its hash: single use, and the other secrets of its offer die with it. */
  async function redeem(lookup: string, key: Buffer, kind: typeof CODE | typeof LINK): Promise<FlowView | undefined> {
    const secrets = secretRepository(db);
    const seals = resumeSealRepository(db);
    const secret = await secrets.find(lookup, kind);
    if (!secret) return undefined;
    const messages = kind === CODE ? { used: text.codeUsed, expired: text.codeExpired } : { used: text.linkUsed, expired: text.linkExpired };
    if (secret.usedAt !== null) throw fail("PRECONDITION_FAILED", messages.used);
    if (secret.expiresAt.getTime() <= now().getTime()) throw fail("PRECONDITION_FAILED", messages.expired);
    const sealed = await seals.bySecret(secret.id);
    if (!sealed) throw fail("PRECONDITION_FAILED", messages.used);
    // Of two devices redeeming at once, one claims the secret; the other is told it was used.
    if (!(await secrets.claim(secret.id, now()))) throw fail("PRECONDITION_FAILED", messages.used);
    await secrets.spendOffer(sealed.offerId, now());
    await seals.deleteOffer(sealed.offerId);
    const token = unseal(sealed.sealed, key, secret.id);
    const view = await flows.get(token);
    events.publish(secret.subjectId, { kind: "resumed", version: view.version });
    return view;
  }

  return {
    async offer(token: string): Promise<ResumeOffer> {
      const record = await activeFlow(token);
      const key: ThrottleKey = { kind: "offer", subject: record.id };
      const wait = await throttle.waitFor([key]);
      if (wait > 0) throw fail("TOO_MANY_REQUESTS", text.tooManyOffers(Math.ceil(wait / 60_000)));
      await throttle.count([key]);
      await purge();
      const link = newSecretToken();
      for (let attempt = 0; ; attempt++) {
        const code = newResumeCode();
        try {
          const expiresAt = await write(record.id, token, [
            { kind: CODE, keys: await codeKeys(code) },
            { kind: LINK, keys: linkKeys(link) },
          ]);
          const url = resumeUrl(link);
          const email = emailOf(record.snapshot);
          return {
            code: formatResumeCode(code),
            link: url,
            // qrcode loads with the first code shown, not at start.
            qrSvg: await (await import("qrcode")).default.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }),
            expiresAt: expiresAt.toISOString(),
            email: email ? maskEmail(email) : null,
          };
        } catch (error) {
          // Two live codes alike (one chance in billions): draw another.
          if (attempt < 3 && isUniqueViolation(error)) continue;
          throw error;
        }
      }
    },

    /**
     * The kiosk wiped its screen: every code shown for the flow, and the QR code's link beside it, is spent, so
     * that none read off the screen opens the flow once its owner has gone. Links sent by e-mail are kept.
     */
    async cancelShown(token: string): Promise<void> {
      const record = await store.findByTokenHash(hashToken(token), now());
      if (!record) throw flowErrors.notFound();
      const at = now();
      await transaction(db, async (tx) => {
        for (const offerId of await resumeSealRepository(tx).offersWith(record.id, CODE)) {
          await secretRepository(tx).spendOffer(offerId, at);
          await resumeSealRepository(tx).deleteOffer(offerId);
        }
      });
    },

    /**
     * "Recevoir le lien par courriel": a link of its own, sent to the address of the contacts step.
     * Past the e-mail budget nothing is written, and the answer is the same: the limit says nothing of the address.
     */
    async sendLink(token: string, client?: string): Promise<{ sentTo: string }> {
      const record = await activeFlow(token);
      const email = emailOf(record.snapshot);
      if (!email) throw fail("PRECONDITION_FAILED", text.noEmail);
      const key: ThrottleKey = { kind: "mail", subject: record.id };
      const wait = await throttle.waitFor([key]);
      if (wait > 0) throw fail("TOO_MANY_REQUESTS", text.tooManyMails(Math.ceil(wait / 60_000)));
      await throttle.count([key]);
      if (!(await deps.mailBudget.allow("resume", email, client))) return { sentTo: maskEmail(email) };
      const link = newSecretToken();
      await write(record.id, token, [{ kind: LINK, keys: linkKeys(link) }], { to: email, url: resumeUrl(link) });
      deps.onQueued?.();
      return { sentTo: maskEmail(email) };
    },

    /**
     * "Retrouver mon inscription": a link to each unfinished sign-up of the address (a few, newest first), each
     * e-mail within the e-mail budget. The answer is one sentence whether or not the address has drafts.
     */
    async recover(typed: string, client?: string): Promise<{ message: string }> {
      // As the sign-up keeps addresses: a domain typed in Unicode finds the drafts kept with its punycode form.
      const email = canonicalEmail(typed);
      if (!isEmail(email)) throw fail("UNPROCESSABLE_CONTENT", fr.contacts.courrielFormat);
      await purge();
      const at = now();
      for (const flowId of await unfinishedFlowsByEmail(db, email, at, RECOVERY_FLOWS_MAX)) {
        if (!(await deps.mailBudget.allow("resume", email, client))) break;
        const link = newSecretToken();
        const expiresAt = new Date(at.getTime() + RESUME_TTL_MS);
        await queueRecoveryLink(
          db,
          { hash: linkKeys(link).lookup, flowId, expiresAt },
          { template: "resumeRecovery", recipient: email, data: { resumeUrl: recoveryUrl(link) } },
          at,
        );
        deps.onQueued?.();
      }
      return { message: text.recoverySent };
    },

    /**
     * Wrong codes count per device (a kiosk's typos lock that kiosk only), per code (tried from
     * anywhere), and per address with a ceiling the kiosks of one town hall never reach together.
     */
    async redeemCode(typed: string, caller: Caller): Promise<FlowView> {
      const code = normalizeResumeCode(typed);
      if (!code) throw fail("UNPROCESSABLE_CONTENT", text.codeMalformed);
      const keys = {
        device: { rule: codeLimits.perDevice, subject: caller.device },
        code: { rule: codeLimits.perCode, subject: code },
        address: { rule: codeLimits.perAddress, subject: caller.ip },
      };
      // Checked before the code is: a blocked device learns nothing, right code or wrong.
      const wait = await codeThrottle.waitFor(keys);
      if (wait > 0) throw fail("TOO_MANY_REQUESTS", text.tooManyCodes(Math.ceil(wait / 60_000)));
      const derived = await codeKeys(code);
      const view = await redeem(derived.lookup, derived.key, CODE);
      if (view) return view;
      await codeThrottle.count(keys);
      throw fail("NOT_FOUND", text.codeUnknown);
    },

    async redeemLink(secret: string): Promise<FlowView> {
      const derived = linkKeys(secret);
      const view = (await redeem(derived.lookup, derived.key, LINK)) ?? (await redeemRecovery(secret));
      if (view) return view;
      throw fail("NOT_FOUND", text.linkUnknown);
    },
  };
}
export type ResumeService = ReturnType<typeof createResumeService>;

/** The address of the contacts step, read from the stored snapshot. */
function emailOf(snapshot: string): string | undefined {
  try {
    const email = (JSON.parse(snapshot) as { context?: { answers?: { contacts?: { courriel?: string } } } }).context?.answers?.contacts?.courriel;
    return email?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `m•••@example.fr`: enough for the citizen to recognise the address, not enough for an onlooker. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}
