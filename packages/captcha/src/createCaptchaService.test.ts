import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/seededRandom.js';
import type { CaptchaRecord, CaptchaStore } from './captchaStore.js';
import { captchaMessages } from './captchaMessages.js';
import { createCaptchaService, type CaptchaVerdict } from './createCaptchaService.js';
import { createChallenge } from './createChallenge.js';
import { inMemoryCaptchaStore } from './inMemoryCaptchaStore.js';

const minute = 60_000;

/**
 * A service whose first challenge the test knows: the same seed draws the same challenge, so the
 * answers are read from a twin drawn beside it, never from the public challenge.
 */
async function setUp({ seed = 1, store = inMemoryCaptchaStore() as CaptchaStore } = {}) {
  const clock = { now: 0 };
  const service = createCaptchaService({ store, now: () => clock.now, random: seededRandom(seed) });
  const twin = createChallenge(seededRandom(seed));
  const first = await service.issue('flow-a');
  expect(first.id).toBe(twin.id);
  const wrongKey = twin.cells.find((cell) => cell.key !== twin.answerKey)!.key;
  return { clock, service, first, twin, wrongKey };
}

function refusal(verdict: CaptchaVerdict) {
  if (verdict.ok) throw new Error('expected a refusal');
  return verdict;
}

/** A seed whose first challenge asks for three plus four, for the answers in words. */
const threePlusFourSeed = (() => {
  for (let seed = 1; seed < 100_000; seed++) {
    if (createChallenge(seededRandom(seed)).alternative.question.startsWith('Combien font trois plus quatre')) return seed;
  }
  throw new Error('no seed draws «trois plus quatre»');
})();

describe('createCaptchaService', () => {
  it('accepts the right picture once, then refuses the same answer as already used', async () => {
    const { service, first, twin } = await setUp();
    expect(await service.verify('flow-a', first.id, { cellKey: twin.answerKey })).toEqual({ ok: true });
    const replay = refusal(await service.verify('flow-a', first.id, { cellKey: twin.answerKey }));
    expect(replay.reason).toBe('used');
    expect(replay.next.id).not.toBe(first.id);
  });

  it('refuses a challenge answered ten minutes after it was issued, and offers a new one', async () => {
    const { clock, service, first, twin } = await setUp();
    clock.now = 10 * minute;
    const late = refusal(await service.verify('flow-a', first.id, { cellKey: twin.answerKey }));
    expect(late.reason).toBe('expired');
    expect(late.next.id).not.toBe(first.id);
    expect(refusal(await service.verify('flow-a', first.id, { cellKey: twin.answerKey })).reason).toBe('unknown');
  });

  it('accepts a challenge answered just before ten minutes', async () => {
    const { clock, service, first, twin } = await setUp();
    clock.now = 10 * minute - 1;
    expect(await service.verify('flow-a', first.id, { cellKey: twin.answerKey })).toEqual({ ok: true });
  });

  it('answers a wrong picture with a new challenge, and then refuses the old one even with the right picture', async () => {
    const { service, first, twin, wrongKey } = await setUp();
    const wrong = refusal(await service.verify('flow-a', first.id, { cellKey: wrongKey }));
    expect(wrong.reason).toBe('wrong');
    expect(wrong.next.id).not.toBe(first.id);
    expect(wrong.next.cells.length).toBeGreaterThan(0);
    expect(refusal(await service.verify('flow-a', first.id, { cellKey: twin.answerKey })).reason).toBe('unknown');
  });

  it("refuses another flow's challenge as unknown and leaves it usable by its own flow", async () => {
    const { service, first, twin } = await setUp();
    const stolen = refusal(await service.verify('flow-b', first.id, { cellKey: twin.answerKey }));
    expect(stolen.reason).toBe('unknown');
    expect(stolen.next.id).not.toBe(first.id);
    expect(await service.verify('flow-a', first.id, { cellKey: twin.answerKey })).toEqual({ ok: true });
  });

  it('refuses an id it never issued, with a new challenge', async () => {
    const { service } = await setUp();
    const unknown = refusal(await service.verify('flow-a', 'nope', { cellKey: 'nope' }));
    expect(unknown.reason).toBe('unknown');
    expect(unknown.next.cells.length).toBeGreaterThan(0);
  });

  it.each(['sept', '7', ' 7 ', 'Sept'])('accepts %j as the answer in words to «trois plus quatre»', async (text) => {
    const { service, first } = await setUp({ seed: threePlusFourSeed });
    expect(first.alternative.question).toBe('Combien font trois plus quatre ? (en chiffres ou en lettres)');
    expect(await service.verify('flow-a', first.id, { text })).toEqual({ ok: true });
  });

  it('refuses a wrong answer in words like a wrong picture', async () => {
    const { service, first } = await setUp({ seed: threePlusFourSeed });
    expect(refusal(await service.verify('flow-a', first.id, { text: 'huit' })).reason).toBe('wrong');
  });

  it('reports too many tries from the fifth wrong answer in a chain, still with a new challenge', async () => {
    const { service, first } = await setUp();
    const reasons: string[] = [];
    let id = first.id;
    for (let i = 0; i < 6; i++) {
      const verdict = refusal(await service.verify('flow-a', id, { text: 'certainement pas' }));
      reasons.push(verdict.reason);
      id = verdict.next.id;
    }
    expect(reasons).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'tooManyTries', 'tooManyTries']);
  });

  it('checks only one of several simultaneous answers to a challenge', async () => {
    const { service, first } = await setUp();
    // A script answering every cell at once must not get the one right answer checked for free.
    const verdicts = await Promise.all(first.cells.map((cell) => service.verify('flow-a', first.id, { cellKey: cell.key })));
    const reasons = verdicts.map((v) => (v.ok ? 'ok' : v.reason));
    expect(reasons.filter((reason) => reason !== 'used')).toHaveLength(1);
  });

  it('stores hashes only, never an answer in clear', async () => {
    const saved: CaptchaRecord[] = [];
    const memory = inMemoryCaptchaStore();
    const store: CaptchaStore = { ...memory, save: async (record) => (saved.push(record), memory.save(record)) };
    const { twin } = await setUp({ store });
    const stored = JSON.stringify(saved);
    expect(stored).not.toContain(twin.answerKey);
    expect(stored).not.toContain(twin.target);
    for (const answer of twin.alternative.acceptedAnswers) expect(stored).not.toContain(`"${answer}"`);
    expect(saved[0]).toMatchObject({ flowId: 'flow-a', tries: 0, used: false, expiresAt: 10 * minute });
  });

  it('has a French message for every refusal, each offering a new check', () => {
    for (const reason of ['wrong', 'expired', 'used', 'unknown', 'tooManyTries'] as const) {
      expect(captchaMessages[reason]).toMatch(/Un nouveau contrôle vous est proposé/);
    }
  });
});
