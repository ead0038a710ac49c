import { Schema } from "effect";
import { fr } from "./catalogue";

/** CONTRÔLE DE SÉCURITÉ: either a picture clicked or the answer to the question in words. */
export const CaptchaAnswer = Schema.Struct({
  challengeId: Schema.String,
  cellKey: Schema.optionalKey(Schema.String),
  text: Schema.optionalKey(Schema.String),
}).check(
  Schema.makeFilter((a) =>
    (a.cellKey ?? "").length > 0 || (a.text ?? "").trim().length > 0
      ? true
      : { path: ["answer"], issue: fr.captcha.answerRequired },
  ),
);
export type CaptchaAnswer = typeof CaptchaAnswer.Type;
