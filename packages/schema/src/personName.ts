import { Schema } from "effect";
import { fr } from "./catalogue";
import { INVISIBLE, scriptAllowed, scriptOf, type WritingScript } from "./writingScript";

const MAX = 100;
// Letters with their accents, spaces, hyphens (‐ ‑ too) and apostrophes (’ ʼ too), starting with a letter.
const NAME = /^\p{L}\p{M}*(?:[\p{L}\p{M}'’ʼ \-‐‑])*$/u;
const LETTER = /^\p{L}$/u;
const WORD_SEPARATOR = /[ '’ʼ\-‐‑]+/u;
// A letter carries 2 accents at most (Vietnamese « ệ »); more is a pile meant to overflow the line.
const TOO_MANY_MARKS = /\p{M}{3}/u;

/**
 * A name as it is kept: NFKC, so « ＢＯＹＥＴ » typed in full width, « ﬁ » or a no-break space become the
 * letters and the space they look like (the name is stored and shown as ordinary letters), then trimmed.
 */
export const normaliseName = (v: unknown): unknown => (typeof v === "string" ? v.normalize("NFKC").trim() : v);

/** What a citizen sees of a name: nothing when it is only spaces and invisible characters. */
const visible = (s: string) => s.replace(new RegExp(INVISIBLE.source, "gu"), "").trim();

/** Why a name is refused, or `undefined`: the one rule of every name field (IDENTITÉ, Modifier mon identité, FranceConnect). */
export function nameProblem(s: string, scripts: ReadonlyArray<WritingScript>): string | undefined {
  if (INVISIBLE.test(s)) return fr.identity.nameInvisible;
  // Judged in NFC (« É » typed as E and an accent is one letter); a full-width or styled letter is not tidied here.
  const name = s.normalize("NFC").trim();
  if ([...name].some((ch) => LETTER.test(ch) && ch !== ch.normalize("NFKC"))) return fr.identity.nameChars;
  if (!NAME.test(name)) return fr.identity.nameChars;
  if (TOO_MANY_MARKS.test(name.normalize("NFD"))) return fr.identity.nameMarks;
  for (const word of name.split(WORD_SEPARATOR)) {
    const script = scriptOf(word);
    if (script === undefined) return fr.identity.nameMixedScripts;
    if (script !== "" && !scriptAllowed(script, scripts)) return fr.identity.nameScript(scripts);
  }
  return undefined;
}

const checks = (scripts: ReadonlyArray<WritingScript>) => [
  Schema.makeFilter((s: string) => s.length <= MAX || fr.tooLong(MAX)),
  Schema.makeFilter((s: string) => nameProblem(s, scripts) ?? true),
];

/** A required name: only invisible characters is no name (« obligatoire »), then {@link nameProblem}. */
export const requiredName = (message: string, scripts: ReadonlyArray<WritingScript>) =>
  Schema.String.check(
    Schema.makeFilter((s: string) => (visible(s) === "" ? message : true), undefined, true),
    ...checks(scripts),
  )
    .annotate({ maxLength: MAX })
    .pipe(Schema.annotateKey({ messageMissingKey: message }));

/** An optional name: empty is fine, anything typed follows {@link nameProblem}. */
export const optionalName = (scripts: ReadonlyArray<WritingScript>) =>
  Schema.optionalKey(
    Schema.String.check(Schema.makeFilter((s: string) => (s.trim() === "" ? true : (nameProblem(s, scripts) ?? true))))
      .check(Schema.makeFilter((s: string) => s.length <= MAX || fr.tooLong(MAX)))
      .annotate({ maxLength: MAX }),
  );

/** The same rule outside a form (a service's registry file): true when a non-empty name passes {@link nameProblem}. */
export const isPersonNameText = (s: string, scripts: ReadonlyArray<WritingScript> = ["Latin"]) => s.trim() !== "" && nameProblem(s, scripts) === undefined;
