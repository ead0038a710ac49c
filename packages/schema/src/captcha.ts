import { Schema } from "effect";
import { fr } from "./catalogue";
import type { StepDefinition } from "./stepDefinition";

/** CONTRÔLE DE SÉCURITÉ: either a picture clicked or the answer to the question in words. */
export const CaptchaAnswer = Schema.Struct({
  challengeId: Schema.String,
  cellKey: Schema.optionalKey(Schema.String),
  text: Schema.optionalKey(Schema.String),
}).check(
  Schema.makeFilter((a) => ((a.cellKey ?? "").length > 0 || (a.text ?? "").trim().length > 0 ? true : { path: ["answer"], issue: fr.captcha.answerRequired })),
);
export type CaptchaAnswer = typeof CaptchaAnswer.Type;

/** CONTRÔLE DE SÉCURITÉ as a step; checking the answer is the host's part. */
export const captchaStep: StepDefinition = {
  id: "captcha",
  schema: () => CaptchaAnswer,
  // Switched off (tests and demos): VALIDER goes on with nothing to answer.
  normalise: (values, rules) => (rules.captchaDisabled ? { challengeId: "off", text: "off" } : values),
  errors: (errors) => ({ answer: Object.values(errors)[0] ?? fr.captcha.answerRequired }),
};
