import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/seededRandom.js';
import { createAlternative } from './createAlternative.js';
import { normalizeAnswer } from './normalizeAnswer.js';

const alternatives = Array.from({ length: 300 }, (_, i) => createAlternative(seededRandom(i + 1)));

describe('createAlternative', () => {
  it('asks a question in French, ending with a question mark or its hint', () => {
    for (const { question } of alternatives) expect(question).toMatch(/^(Combien|Quel|Quelle) .* \?( \(en chiffres ou en lettres\))?$/);
  });

  it('stores its accepted answers already normalised', () => {
    for (const { acceptedAnswers } of alternatives) {
      expect(acceptedAnswers.length).toBeGreaterThan(0);
      for (const answer of acceptedAnswers) expect(normalizeAnswer(answer)).toBe(answer);
    }
  });

  it('answers a sum written in words with its digits', () => {
    const words = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
    const sums = alternatives.filter((a) => a.question.startsWith('Combien font'));
    expect(sums.length).toBeGreaterThan(0);
    for (const { question, acceptedAnswers } of sums) {
      const [, a, b] = /^Combien font (\S+) plus (\S+) \?/.exec(question)!;
      expect(acceptedAnswers).toEqual([String(words.indexOf(a!) + words.indexOf(b!))]);
    }
  });

  it('asks for the day after a day of the week, not only sums', () => {
    const dayAfter = alternatives.find((a) => a.question === 'Quel jour de la semaine vient après le dimanche ?');
    expect(dayAfter?.acceptedAnswers).toEqual(['lundi']);
  });
});
