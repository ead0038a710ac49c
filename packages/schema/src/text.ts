import { Schema } from "effect";
import { fr } from "./catalogue";

/** A text field as forms send it: trimmed, bounded, French messages; the bound is annotated for the fields (`fieldsOf`). */
export const optionalText = (max = 100) =>
  Schema.optionalKey(Schema.String.check(Schema.makeFilter((s: string) => s.length <= max || fr.tooLong(max))).annotate({ maxLength: max }));

export const requiredText = (message: string, max = 100) =>
  Schema.String.check(
    Schema.makeFilter((s: string) => (s.trim().length > 0 ? true : message), undefined, true),
    Schema.makeFilter((s: string) => s.length <= max || fr.tooLong(max)),
  )
    .annotate({ maxLength: max })
    .pipe(Schema.annotateKey({ messageMissingKey: message }));
