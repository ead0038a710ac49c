import { Schema } from "effect";
import { fr } from "./catalogue";
import type { StepDefinition } from "./stepDefinition";

/** CGU: the box must be ticked to go on. */
export const Terms = Schema.Struct({
  accepted: Schema.Boolean.check(Schema.makeFilter((b: boolean) => b === true || fr.terms.mustAccept)).pipe(
    Schema.annotateKey({ messageMissingKey: fr.terms.mustAccept }),
  ),
});
export type Terms = typeof Terms.Type;

/** CGU as a step: one box. */
export const termsStep: StepDefinition = {
  id: "terms",
  fields: [{ name: "accepted", label: fr.terms.accept, kind: "checkbox", required: true }],
  schema: () => Terms,
};
