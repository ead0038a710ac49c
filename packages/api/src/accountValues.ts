import { isDeepStrictEqual } from "node:util";

/** Values by step, as a démarche's context keeps its answers and drafts. */
type ByStep = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

/** A field the account changed since the démarche last read it. */
export interface ChangedField {
  readonly step: string;
  readonly field: string;
}

/**
 * The context key where the runtime keeps, for a démarche whose `input` loads the account's values, the
 * answers they prefilled: what the démarche last knew of the account, to tell a change made elsewhere
 * from one the citizen typed. Dropped when the flow ends.
 */
export const PREFILLED = "prefilled";

/**
 * A démarche's context brought up to the account's current values (`now`, the answers its input prefills
 * today): each field the account changed since `context.prefilled` takes the new value in the answers
 * and drafts, unless the citizen changed that field too (theirs stays). Undefined when nothing changed.
 * A context without `prefilled` (saved before this rule) adopts `now` as it is, with no change listed.
 */
export function rebase(context: Readonly<Record<string, unknown>>, now: ByStep): { context: Record<string, unknown>; changed: ChangedField[] } | undefined {
  const then = context[PREFILLED] as ByStep | undefined;
  if (!then) return { context: { ...context, [PREFILLED]: now }, changed: [] };
  if (isDeepStrictEqual(then, now)) return undefined;
  const answers = { ...(context.answers as ByStep) };
  const drafts = { ...(context.drafts as ByStep) };
  const changed: ChangedField[] = [];
  for (const step of new Set([...Object.keys(then), ...Object.keys(now)])) {
    const moved = movedFields(then[step], now[step]);
    if (!moved.length) continue;
    changed.push(...moved.map((field) => ({ step, field })));
    const answer = follow(answers[step], then[step], now[step], moved);
    if (answer) answers[step] = answer;
    const draft = follow(drafts[step], then[step], now[step], moved);
    if (draft) drafts[step] = draft;
  }
  return { context: { ...context, answers, drafts, [PREFILLED]: now }, changed };
}

/** The fields whose value differs between two versions of a step's answer. */
export function movedFields(then: Readonly<Record<string, unknown>> | undefined, now: Readonly<Record<string, unknown>> | undefined): string[] {
  const keys = new Set([...Object.keys(then ?? {}), ...Object.keys(now ?? {})]);
  return [...keys].filter((k) => !isDeepStrictEqual(then?.[k], now?.[k]));
}

/** Values of a step with each moved field the citizen left as it was (`then`) taken from `now`. */
export function follow<T extends Readonly<Record<string, unknown>> | undefined>(
  values: T,
  then: Readonly<Record<string, unknown>> | undefined,
  now: Readonly<Record<string, unknown>> | undefined,
  moved: ReadonlyArray<string>,
): T {
  if (!values) return values;
  const out: Record<string, unknown> = { ...values };
  for (const k of moved) {
    if (!isDeepStrictEqual(values[k], then?.[k])) continue;
    if (now?.[k] === undefined) delete out[k];
    else out[k] = now[k];
  }
  return out as T;
}
