import { timingSafeEqual } from 'node:crypto';
import type { CaptchaRecord, CaptchaStore } from './captchaStore.js';
import { createChallenge } from './createChallenge.js';
import { cryptoRandom } from './cryptoRandom.js';
import { hashAnswer } from './hashAnswer.js';
import { normalizeAnswer } from './normalizeAnswer.js';
import { publicChallenge, type PublicChallenge } from './publicChallenge.js';

export type CaptchaAnswer = { cellKey: string } | { text: string };
export type CaptchaFailure = 'wrong' | 'expired' | 'used' | 'unknown' | 'tooManyTries';
/** Every refusal carries the next challenge, so the page can always go on (SPEC §8). */
export type CaptchaVerdict = { ok: true } | { ok: false; reason: CaptchaFailure; next: PublicChallenge };

export interface CaptchaServiceOptions {
  store: CaptchaStore;
  /** Epoch milliseconds; injected so tests control expiry. */
  now?: () => number;
  /** Uniform in [0, 1); must be a CSPRNG in production (the default). */
  random?: () => number;
  ttlMs?: number;
  /** Wrong answers in a chain after which refusals say 'tooManyTries'. */
  maxTries?: number;
}

export interface CaptchaService {
  issue(flowId: string): Promise<PublicChallenge>;
  verify(flowId: string, id: string, answer: CaptchaAnswer): Promise<CaptchaVerdict>;
}

/**
 * The security check's rules, independent of where challenges are kept: single use, bound to one
 * flow, expiring, and replaced by a fresh challenge after any refusal. A wrong answer's
 * replacement inherits the count of wrong answers, so the chain is counted as a whole.
 */
export function createCaptchaService({
  store,
  now = Date.now,
  random = cryptoRandom,
  ttlMs = 10 * 60_000,
  maxTries = 5,
}: CaptchaServiceOptions): CaptchaService {
  async function issueWithTries(flowId: string, tries: number): Promise<PublicChallenge> {
    const challenge = createChallenge(random);
    await store.save({
      id: challenge.id,
      flowId,
      answerHash: hashAnswer(challenge.id, challenge.answerKey),
      altAnswerHashes: challenge.alternative.acceptedAnswers.map((answer) => hashAnswer(challenge.id, answer)),
      expiresAt: now() + ttlMs,
      tries,
      used: false,
    });
    return publicChallenge(challenge);
  }

  async function refuse(flowId: string, reason: CaptchaFailure, tries = 0): Promise<CaptchaVerdict> {
    return { ok: false, reason, next: await issueWithTries(flowId, tries) };
  }

  return {
    issue: (flowId) => issueWithTries(flowId, 0),

    async verify(flowId, id, answer) {
      const record = await store.get(id);
      // Another flow's challenge is reported as unknown, and left alone: one flow can't spend another's.
      if (!record || record.flowId !== flowId) return refuse(flowId, 'unknown');
      if (record.used) return refuse(flowId, 'used', record.tries);
      if (now() >= record.expiresAt) {
        await store.delete(id);
        return refuse(flowId, 'expired', record.tries);
      }
      // Claim the challenge before looking at the answer: of simultaneous answers, only one is checked.
      if (!(await store.update({ ...record, used: true }))) return refuse(flowId, 'used', record.tries);
      if (isCorrect(record, answer)) return { ok: true };

      await store.delete(id);
      const tries = record.tries + 1;
      return refuse(flowId, tries >= maxTries ? 'tooManyTries' : 'wrong', tries);
    },
  };
}

function isCorrect(record: CaptchaRecord, answer: CaptchaAnswer): boolean {
  if ('cellKey' in answer) return sameHash(hashAnswer(record.id, answer.cellKey), record.answerHash);
  const given = hashAnswer(record.id, normalizeAnswer(answer.text));
  // Compare with every accepted hash, without stopping early, so timing says nothing about which.
  return record.altAnswerHashes.reduce((found, expected) => sameHash(given, expected) || found, false);
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
