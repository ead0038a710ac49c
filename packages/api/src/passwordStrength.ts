import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as french from "@zxcvbn-ts/language-fr";

// The public lists zxcvbn ships (common passwords, French words, first and last names), loaded once.
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...french.dictionary },
  graphs: common.adjacencyGraphs,
  translations: french.translations,
});

/** 0 (guessed at once) to 4 (very hard), with zxcvbn's French feedback. */
export function passwordStrength(password: string, userInputs: string[] = []) {
  const result = zxcvbn.check(password.slice(0, 100), userInputs);
  return { score: result.score, warning: result.feedback.warning ?? "", suggestions: result.feedback.suggestions };
}

/**
 * A common password, word or name with trivial changes (capitals, digits, l33t): zxcvbn's estimate
 * is under a million guesses (score ≤ 1), from the lists above.
 */
export const isCommonPassword = (password: string) => zxcvbn.check(password.slice(0, 100)).score <= 1;
