// The strength meter's estimate, run in a worker thread: zxcvbn's matchers take tens to hundreds of
// milliseconds of CPU, and its ranked dictionaries load here rather than in the server's main thread.
// Plain JavaScript, so the worker starts the same under any loader.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as french from "@zxcvbn-ts/language-fr";

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...french.dictionary },
  graphs: common.adjacencyGraphs,
  translations: french.translations,
});

/** @param {{ password: string, userInputs: string[] }} task */
export default function estimate({ password, userInputs }) {
  const result = zxcvbn.check(password, userInputs);
  return { score: result.score, warning: result.feedback.warning ?? "", suggestions: result.feedback.suggestions };
}
