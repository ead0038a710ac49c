import type { Schema } from "effect";
import type { FieldSpec } from "./forms";
import type { PasswordPolicy } from "./password";
import { validate, type FieldErrors, type Validation } from "./validate";

/** Codes a flow stores (country, département, INSEE commune) turned back into names for people. */
export interface PlaceNames {
  country(code: string): string;
  departement(code: string | undefined): string | undefined;
  commune(code: string | undefined): string | undefined;
  /** A street as people write it ("Rue de la Poste"), whatever form it is stored in (FANTOIR capitals). */
  street(voie: string): string;
}

export interface AnswerItem {
  readonly label: string;
  readonly value: string;
}

/** A line of an answer as people read it; nothing typed shows as a dash. */
export const answerItem = (label: string, value: string | undefined): AnswerItem => ({ label, value: value?.trim() ? value : "—" });

/** What the lines of an answer may look up: names for codes, the tenant's services. */
export interface LinesContext {
  readonly places: PlaceNames;
  readonly services: ReadonlyArray<{ readonly id: string; readonly label: string }>;
}

/** What a step's rules depend on besides the values: the day, the tenant's policy, the server's extras. */
export interface StepRules {
  /** YYYY-MM-DD, from the host: schemas read no clock. */
  readonly today: string;
  readonly passwordPolicy: PasswordPolicy;
  /** The server's list of common passwords; the browser has none. */
  readonly isCommonPassword?: (password: string) => boolean;
  /** The security check switched off (tests and demos): VALIDER goes on with nothing to answer. */
  readonly captchaDisabled?: boolean;
  /** The writing systems the tenant accepts in names (`writingScripts`); Latin when absent. */
  readonly nameScripts?: ReadonlyArray<string>;
}

/** What only the server can do to a checked value before the machine keeps it. */
export interface StepHooks {
  readonly hashPassword: (password: string) => Promise<string>;
}

type AnySchema = Schema.Top & { readonly DecodingServices: never };

/**
 * One step of a flow, as data: its fields, how typed values are tidied and checked, what the machine
 * keeps of them, and how the answer reads on the review and on "Mon espace". The server, the machine and
 * both UIs read the same entry (see docs/adding-a-step.md).
 */
export interface StepDefinition {
  readonly id: string;
  /** The fields in page order; limits (maxLength) come from the schema's annotations, see `fieldsOf`. */
  readonly fields?: ReadonlyArray<FieldSpec>;
  /** The typed values' schema; a step without one (the review) takes no values. */
  readonly schema?: (rules: StepRules) => AnySchema;
  /** What the machine keeps, when it differs from what is typed (a password's hash); `schema` otherwise. */
  readonly stored?: (today: string) => AnySchema;
  /** Typed values tidied before they are checked: trimmed, NFC, empty answers dropped. */
  readonly normalise?: (values: Record<string, unknown>, rules: StepRules) => Record<string, unknown>;
  /** Errors reworded for the page (the security check answers with one message). */
  readonly errors?: (errors: FieldErrors) => FieldErrors;
  /** The checked value turned into what the machine keeps, on the server only (the password hashed). */
  readonly toAnswer?: (value: never, hooks: StepHooks) => Promise<unknown>;
  /** The answer's lines on the review (a "Modifier" link opens the step when it has lines). */
  readonly lines?: (answer: never, context: LinesContext) => ReadonlyArray<AnswerItem>;
  /** Its lines are drawn before it is answered too (each service with a dash). */
  readonly linesUnanswered?: boolean;
  /** Its lines are shown again on "Mon espace". */
  readonly mySpace?: boolean;
}

/**
 * A step's rules, checked once: the same function runs in the browser before sending and on the server
 * before the machine sees the values.
 */
export function checkStep(step: StepDefinition, values: Record<string, unknown>, rules: StepRules): Validation<unknown> {
  if (!step.schema) return { ok: true, value: {} };
  const result = validate(step.schema(rules), step.normalise ? step.normalise(values, rules) : values);
  return result.ok || !step.errors ? result : { ok: false, errors: step.errors(result.errors) };
}

/** An answer's lines as people read them; none for a step not answered yet, unless it says otherwise. */
export const linesOf = (step: StepDefinition, answer: unknown, context: LinesContext): ReadonlyArray<AnswerItem> =>
  step.lines && (answer !== undefined || step.linesUnanswered) ? step.lines(answer as never, context) : [];

/** The schema the machine checks a stored answer with. */
export const storedSchema = (step: StepDefinition, today: string): AnySchema | undefined =>
  step.stored ? step.stored(today) : step.schema?.({ today, passwordPolicy: { minLength: 0, cnil2022: false } });

// NFC: "É" typed as E + a combining accent is stored, shown and compared as the one letter it is.
const tidy = (v: unknown) => (typeof v === "string" ? v.normalize("NFC").trim() : v);

/** Every text trimmed and in NFC; empty answers kept (a required field says it is missing). */
export const trimmed = (values: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, tidy(v)]));

/** Every text trimmed and in NFC; empty answers left out (an empty optional choice is no choice). */
export const nonEmpty = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(trimmed(values)).filter(([, v]) => v !== ""));

type Fields<S> = S extends { readonly fields: infer F } ? keyof F & string : string;
type Spec<S> = Omit<FieldSpec, "maxLength" | "name"> & { readonly name: Fields<S> };

/**
 * A step's fields with the limits its schema declares (the `maxLength` annotation of `optionalText`,
 * `requiredText`…): a limit is written once, in the schema.
 */
export function fieldsOf<S extends { readonly fields: Record<string, unknown> }>(schema: S, specs: ReadonlyArray<Spec<S>>): ReadonlyArray<FieldSpec> {
  return specs.map((spec) => {
    const max = maxLengthOf(schema.fields[spec.name]);
    return max === undefined ? spec : { ...spec, maxLength: max };
  });
}

type Annotated = { readonly annotations?: { readonly maxLength?: unknown } };
/** The `maxLength` annotation of a field's schema, on the schema itself or on one of its checks. */
function maxLengthOf(field: unknown): number | undefined {
  const ast = (field as { ast?: Annotated & { checks?: ReadonlyArray<Annotated> } } | undefined)?.ast;
  for (const a of [ast, ...(ast?.checks ?? [])]) {
    const max = a?.annotations?.maxLength;
    if (typeof max === "number") return max;
  }
  return undefined;
}
