import { timingSafeEqual } from "node:crypto";
import type { CaptchaRecord, CaptchaStore } from "./captchaStore.js";
import { createChallenge } from "./createChallenge.js";
import { cryptoRandom } from "./cryptoRandom.js";
import { hashAnswer } from "./hashAnswer.js";
import { normalizeAnswer } from "./normalizeAnswer.js";
import { publicChallenge, type PublicChallenge } from "./publicChallenge.js";

export type CaptchaAnswer = { cellKey: string } | { text: string };
export type CaptchaFailure = "wrong" | "expired" | "used" | "unknown";
export type CaptchaVerdict = { ok: true } | { ok: false; reason: CaptchaFailure };

export interface CaptchaServiceOptions {
  store: CaptchaStore;
  /** Epoch milliseconds; injected so tests control expiry. */
  now?: () => number;
  /** Uniform in [0, 1); must be a CSPRNG in production (the default). */
  random?: () => number;
  ttlMs?: number;
}

export interface CaptchaService {
  issue(flowId: string): Promise<PublicChallenge>;
  verify(flowId: string, id: string, answer: CaptchaAnswer): Promise<CaptchaVerdict>;
}

/**
 * The security check's rules, independent of where challenges are kept: single use, bound to one
 * flow, expiring. Counting wrong answers and capping how many challenges are issued is the
 * server's (it counts them in its database, whichever captcha it uses).
 */
export function createCaptchaService({ store, now = Date.now, random = cryptoRandom, ttlMs = 10 * 60_000 }: CaptchaServiceOptions): CaptchaService {
  return {
    async issue(flowId) {
      const challenge = createChallenge(random);
      const shown = await publicChallenge(challenge, random);
      await store.save({
        id: challenge.id,
        flowId,
        answerHash: hashAnswer(challenge.id, challenge.answerKey),
        altAnswerHashes: challenge.alternative.acceptedAnswers.map((answer) => hashAnswer(challenge.id, answer)),
        expiresAt: now() + ttlMs,
        used: false,
      });
      return shown;
    },

    async verify(flowId, id, answer) {
      const record = await store.get(id);
      // Another flow's challenge is reported as unknown, and left alone: one flow can't spend another's.
      if (!record || record.flowId !== flowId) return { ok: false, reason: "unknown" };
      if (record.used) return { ok: false, reason: "used" };
      if (now() >= record.expiresAt) {
        await store.delete(id);
        return { ok: false, reason: "expired" };
      }
      // Claim the challenge before looking at the answer: of simultaneous answers, only one is checked.
      if (!(await store.update({ ...record, used: true }))) return { ok: false, reason: "used" };
      if (isCorrect(record, answer)) return { ok: true };
      await store.delete(id);
      return { ok: false, reason: "wrong" };
    },
  };
}

function isCorrect(record: CaptchaRecord, answer: CaptchaAnswer): boolean {
  if ("cellKey" in answer) return sameHash(hashAnswer(record.id, answer.cellKey), record.answerHash);
  const given = hashAnswer(record.id, normalizeAnswer(answer.text));
  // Compare with every accepted hash, without stopping early, so timing says nothing about which.
  return record.altAnswerHashes.reduce((found, expected) => sameHash(given, expected) || found, false);
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
