import { describe, expect, it } from "vitest";
import { seededRandom } from "../test/seededRandom.js";
import { createAlternative } from "./createAlternative.js";
import { normalizeAnswer } from "./normalizeAnswer.js";

const alternatives = Array.from({ length: 3000 }, (_, i) => createAlternative(seededRandom(i + 1)));
const answerOf = (question: string) => alternatives.find((a) => a.question === question)?.acceptedAnswers;

describe("createAlternative", () => {
  it("asks a question in French, ending with a question mark", () => {
    for (const { question } of alternatives) expect(question).toMatch(/^[A-ZÀ-Ý0-9].*\u00a0\?$/);
  });

  it("keeps every sign on the line of its word: a no-break space before : ; ! ? » and after «, never a plain one", () => {
    expect(alternatives.filter(({ question }) => /[ \t\n][:;!?»]|«[ \t\n]/.test(question)).map((a) => a.question)).toEqual([]);
    expect(alternatives.some(({ question }) => question.includes("\u00a0?"))).toBe(true);
  });
  it("writes its French with the typographic apostrophe, as the rest of the pages: « Aujourd’hui »", () => {
    expect(alternatives.filter(({ question }) => /\p{L}'\p{L}/u.test(question))).toEqual([]);
    expect(alternatives.some(({ question }) => /\p{L}’\p{L}/u.test(question))).toBe(true);
  });

  it("stores its accepted answers already normalised", () => {
    for (const { acceptedAnswers } of alternatives) {
      expect(acceptedAnswers.length).toBeGreaterThan(0);
      for (const answer of acceptedAnswers) expect(normalizeAnswer(answer)).toBe(answer);
    }
  });

  it("draws from a large pool: many kinds and phrasings, with random values", () => {
    expect(new Set(alternatives.map((a) => a.question)).size).toBeGreaterThan(1000);
    // The opening words tell the phrasings apart.
    const openings = new Set(alternatives.map((a) => a.question.split(" ").slice(0, 3).join(" ")));
    expect(openings.size).toBeGreaterThan(20);
  });

  it("keeps answers small: a word, or a number up to twenty that may be typed in words", () => {
    for (const { acceptedAnswers } of alternatives) {
      for (const answer of acceptedAnswers) {
        if (/^\d+$/.test(answer)) expect(Number(answer)).toBeLessThanOrEqual(20);
        else expect(answer).toMatch(/^[a-z ]+$/);
      }
    }
  });

  it("answers the kinds of question as a person would", () => {
    const firstLetter = alternatives.find((a) => a.question.startsWith("Quelle est la première lettre du mot"))!;
    expect(firstLetter.acceptedAnswers).toEqual([normalizeAnswer(/«\u00a0(.)/.exec(firstLetter.question)![1]!)]);
    const sum = alternatives.find((a) => a.question.startsWith("Quelle est la somme de"))!;
    const [, a, b] = /somme de (\S+) et de (\S+)\u00a0\?/.exec(sum.question)!;
    expect(sum.acceptedAnswers).toEqual([String(Number(normalizeAnswer(a!)) + Number(normalizeAnswer(b!)))]);
    expect(answerOf("Quel jour suit le dimanche\u00a0?")).toEqual(["lundi"]);
    expect(answerOf("Quel mois vient juste avant janvier\u00a0?")).toEqual(["decembre"]);
  });
});
