import type { StepDefinition } from "@guichet/schema";

/**
 * The one rule that keeps passwords out of every flow's snapshot, whatever the definition: a field of
 * kind `password` (as the step registry declares it) is checked and then forgotten. The runtime applies
 * it to what a move hands a machine (PRÉCÉDENT's draft, SUIVANT's answer) and again to the context it
 * persists, so that no machine, present or future, can keep one, even by mistake.
 */

/** The names of a step's password fields; none for a step without fields. */
export const secretFieldsOf = (entry: StepDefinition | undefined): ReadonlySet<string> =>
  new Set((entry?.fields ?? []).filter((f) => f.kind === "password").map((f) => f.name));

/** The values without the step's password fields (the same object when it has none). */
export function withoutSecrets<T>(values: T, entry: StepDefinition | undefined): T {
  const secret = secretFieldsOf(entry);
  if (!secret.size || typeof values !== "object" || values === null || Array.isArray(values)) return values;
  return Object.fromEntries(Object.entries(values).filter(([k]) => !secret.has(k))) as T;
}

/** A context as it is persisted: every draft and every answer kept by step, without that step's password fields. */
export function contextWithoutSecrets(context: Record<string, unknown>, steps: Readonly<Record<string, StepDefinition>>): Record<string, unknown> {
  const scrubbed = { ...context };
  for (const key of ["drafts", "answers"] as const) {
    const byStep = context[key];
    if (typeof byStep !== "object" || byStep === null) continue;
    scrubbed[key] = Object.fromEntries(Object.entries(byStep).map(([step, values]) => [step, withoutSecrets(values, steps[step])]));
  }
  return scrubbed;
}
