import { Schema } from "effect";
import { fr } from "./catalogue";

/** CGU: the box must be ticked to go on. */
export const Terms = Schema.Struct({
  accepted: Schema.Boolean.check(
    Schema.makeFilter((b: boolean) => b === true || fr.terms.mustAccept),
  ).pipe(Schema.annotateKey({ messageMissingKey: fr.terms.mustAccept })),
});
export type Terms = typeof Terms.Type;
