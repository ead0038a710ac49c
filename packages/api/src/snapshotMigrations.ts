import type { AnyStateMachine, AnyStateNode, StateValue } from "xstate";
import { registrationMachine, registrationMachineVersion } from "@guichet/machines";
import { editableSteps } from "@guichet/schema";

/** A stored snapshot as far as migrations care: the rest (children, history) is carried along. */
export interface StoredSnapshot {
  value: StateValue;
  context: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * What a deploy that bumps the machine's version from N to N+1 brings for snapshots written by N.
 * `{}` says "same context, and a state that no longer exists goes to the nearest step".
 */
export interface SnapshotMigration {
  /** Reshapes what N stored (context fields renamed, split…); answers must survive it. */
  readonly snapshot?: (snapshot: StoredSnapshot) => StoredSnapshot;
  /** States of N that N+1 renamed, moved or removed, by dotted path: `{ "coordonnees": "contacts" }`. */
  readonly states?: Readonly<Record<string, string>>;
}

export interface SnapshotMigrator {
  (snapshot: unknown, fromVersion: number): unknown;
}

/**
 * Builds the migrator of one machine. A state that no longer exists is mapped through the `states`
 * tables, then, for a snapshot of an older machine, to `nearest(snapshot)`; only a snapshot that
 * claims the current version and does not fit it is refused (that is damage, not a deploy).
 */
export function createSnapshotMigrator(
  machine: AnyStateMachine,
  currentVersion: number,
  migrations: Readonly<Record<number, SnapshotMigration>>,
  nearest?: (snapshot: StoredSnapshot) => string | undefined,
): SnapshotMigrator {
  return (input, fromVersion) => {
    if (!Number.isInteger(fromVersion) || fromVersion < 1) throw new Error(`no machine version ${fromVersion}`);
    if (fromVersion > currentVersion) throw new Error(`snapshot from a newer machine (${fromVersion} > ${currentVersion})`);
    let snapshot = input as StoredSnapshot;
    for (let v = fromVersion; v < currentVersion; v++) {
      const migration = migrations[v];
      if (!migration) throw new Error(`no migration from machine version ${v} to ${v + 1}`);
      if (migration.snapshot) snapshot = migration.snapshot(snapshot);
      if (migration.states) snapshot = { ...snapshot, value: renamed(snapshot.value, migration.states) };
    }
    const root = machine.root as AnyStateNode;
    const path = fitting(root, pathOf(snapshot.value));
    if (path) return path.join(".") === pathOf(snapshot.value).join(".") ? snapshot : { ...snapshot, value: valueOf(path) };
    const fallback = fromVersion < currentVersion ? nearest?.(snapshot) : undefined;
    const mapped = fallback ? fitting(root, fallback.split(".")) : undefined;
    if (!mapped) throw new Error(`state ${JSON.stringify(snapshot.value)} is not in machine version ${currentVersion}`);
    return { ...snapshot, value: valueOf(mapped), children: {} };
  };
}

/**
 * Machine version N → N+1, one entry per released version. Empty while version 1 is the only one;
 * docs/adding-a-step.md says when and how to add one (with fixtures of the old version).
 */
export const registrationMigrations: Record<number, SnapshotMigration> = {};

/** The step a flow that lost its state goes back to: the first one whose answer is missing, else the review. */
export function nearestRegistrationStep(snapshot: StoredSnapshot): string {
  if (snapshot.context?.accountId) return "done";
  const answers = (snapshot.context?.answers ?? {}) as Record<string, unknown>;
  if (Object.keys(answers).length === 0) return "welcome";
  const answerable = ["terms", ...editableSteps].filter((s) => s in registrationMachine.root.states);
  return answerable.find((s) => answers[s] === undefined) ?? "review";
}

/** Brings a snapshot written by an older registration machine up to the current one (see docs/adding-a-step.md). */
export const migrateSnapshot: SnapshotMigrator = createSnapshotMigrator(
  registrationMachine,
  registrationMachineVersion,
  registrationMigrations,
  nearestRegistrationStep,
);

/** `{ credentials: "editing" }` → `["credentials", "editing"]` (parallel states are not used by our machines). */
function pathOf(value: StateValue): string[] {
  if (typeof value === "string") return value.split(".");
  const [key, inner] = Object.entries(value ?? {})[0] ?? [];
  return key === undefined ? [] : [key, ...(inner === undefined ? [] : pathOf(inner as StateValue))];
}

function valueOf(path: string[]): StateValue {
  const [head, ...rest] = path;
  return rest.length === 0 ? head! : { [head!]: valueOf(rest) };
}

/** The longest entry of the table that starts the path wins; what follows it is kept. */
function renamed(value: StateValue, table: Readonly<Record<string, string>>): StateValue {
  const path = pathOf(value);
  for (let n = path.length; n > 0; n--) {
    const target = table[path.slice(0, n).join(".")];
    if (target !== undefined) return valueOf([...target.split("."), ...path.slice(n)]);
  }
  return value;
}

/**
 * The path as a state of the machine: unknown inner states are dropped (the step then starts at its
 * initial state) and a step is completed down to its initial leaf. Undefined when the step itself is
 * unknown. Busy states (tag `busy`) are never stored, so a path that ends in one starts its step again.
 */
function fitting(root: AnyStateNode, path: string[]): string[] | undefined {
  const first = path[0] && root.states[path[0]];
  if (!first) return undefined;
  const out = [path[0]!];
  let node: AnyStateNode = first;
  for (const key of path.slice(1)) {
    const child = node.states[key] as AnyStateNode | undefined;
    if (!child || child.tags.includes("busy")) break;
    out.push(key);
    node = child;
  }
  while (node.type === "compound") {
    node = node.initial!.target[0]!;
    out.push(node.key);
  }
  return out;
}
