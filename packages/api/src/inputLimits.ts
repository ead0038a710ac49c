import { Schema } from "effect";
import { fr } from "@guichet/schema";

/** What one step's answers or draft may weigh, measured on their JSON (UTF-8): a real step is well under 2 KB. */
export const MAX_STEP_BYTES = 16 * 1024;
/** Levels of objects and arrays in one step's answers or draft, the values object itself being the first. */
export const MAX_STEP_DEPTH = 8;

/**
 * Why a value does not fit the limits, or undefined. Walked with a stack of our own, never recursion:
 * a body nested thousands deep must be refused, not overflow the call stack. The depth stops the walk
 * at its first excess, so JSON.stringify (recursive) only ever sees shallow values.
 */
export function jsonLimitProblem(value: unknown, maxDepth = MAX_STEP_DEPTH, maxBytes = MAX_STEP_BYTES): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > maxDepth) return fr.errors.tooDeep;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return Buffer.byteLength(JSON.stringify(value) ?? "") > maxBytes ? fr.errors.tooLarge : undefined;
}

/** A step's values as a form sends them: any fields, bounded in depth and size (the step's schema judges the rest). */
export const StepValues = Schema.Record(Schema.String, Schema.Unknown).check(Schema.makeFilter((v: Record<string, unknown>) => jsonLimitProblem(v) ?? true));

/** Sentences an input's check may give that say more than "not valid"; the error formatter lets these through. */
export const inputLimitMessages: ReadonlySet<string> = new Set([fr.errors.tooDeep, fr.errors.tooLarge, fr.errors.tooManyKeys, fr.errors.forbiddenCharacter]);
