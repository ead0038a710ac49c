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

/**
 * Letters (with their combining accents, as typed in NFD), spaces, hyphens and apostrophes, including
 * the typographic ’ phones and word processors put in "D’Artagnan", ʼ, and the Unicode hyphens ‐ ‑.
 * Judged in NFC; the server stores names in NFC and compares them folded (normalizeForSearch).
 */
const NAME = /^\p{L}\p{M}*(?:[\p{L}\p{M}'’ʼ \-‐‑])*$/u;
export const isPersonName = Schema.makeFilter((s: string) => (s.trim() === "" || NAME.test(s.normalize("NFC").trim()) ? true : fr.identity.nameChars));
/** The same rule outside a form (a service's registry file): true when a non-empty name has only those characters. */
export const isPersonNameText = (s: string) => NAME.test(s.normalize("NFC").trim());
