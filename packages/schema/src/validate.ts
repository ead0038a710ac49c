import { Schema, SchemaIssue } from "effect";
import { fr } from "./catalogue";

export type FieldErrors = Record<string, string>;
export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldErrors };

// Effect's own fallbacks are English; a citizen must only ever read French.
const leafHook: SchemaIssue.LeafHook = (issue) => {
  const message = SchemaIssue.defaultLeafHook(issue);
  if (issue._tag === "MissingKey") return message === "Missing key" ? fr.required : message;
  if (issue._tag === "UnexpectedKey") return fr.invalid;
  return /^(Expected|Invalid data|Missing|Forbidden)/.test(message) ? fr.invalid : message;
};

type Standard = {
  "~standard": {
    validate(v: unknown): { value?: unknown; issues?: ReadonlyArray<{ message: string; path?: ReadonlyArray<unknown> }> };
  };
};
// Building the validator is the costly part: once per schema.
const standards = new WeakMap<object, Standard>();
function standardOf(schema: Schema.Top): Standard {
  let standard = standards.get(schema);
  if (!standard) {
    standard = Schema.toStandardSchemaV1(schema as never, {
      leafHook,
      parseOptions: { errors: "all", onExcessProperty: "ignore" },
    }) as unknown as Standard;
    standards.set(schema, standard);
  }
  return standard;
}

/**
 * Validates form input with a step's schema; errors are keyed by field path ("keys.enfance").
 * The first message per field wins, as a form shows one message beside each field.
 */
export function validate<S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, input: unknown): Validation<S["Type"]> {
  const result = standardOf(schema)["~standard"].validate(input);
  if (!result.issues) return { ok: true, value: result.value as S["Type"] };
  const errors: FieldErrors = {};
  for (const issue of result.issues) {
    const key = (issue.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? (p as { key: unknown }).key : p)).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
