import type { AnyStateMachine } from "xstate";
import type { FieldErrors, FlowView, StepDefinition } from "@guichet/schema";
import type { FlowScope } from "@guichet/machines";
import type { SnapshotMigrator } from "./snapshotMigrations";
import type { FlowRuntimeDeps } from "./flowRuntime";
import type { FlowContext, ViewDeps, ViewInput } from "./flowView";
import type { Tenant } from "./tenant";

/** Who starts a démarche of "Mon espace": the logged-in citizen's account (the flow's row keeps its id). */
export interface DemarcheStart {
  readonly accountId: string;
}

/** A démarche's entry in "Mon espace", in French: its name (a link) and one sentence under it. */
export interface DemarcheMenu {
  readonly label: string;
  readonly description: string;
}

/**
 * A flow the runtime can run, addressed by its kind (stored with the flow's row and carried in its view):
 * the sign-up is the first, a démarche of "Mon espace" is another (docs/adding-a-demarche.md). The
 * runtime loads, restores, moves, persists and draws any of them the same way.
 */
export interface FlowDefinition {
  readonly kind: string;
  /**
   * `"account"`: a démarche of "Mon espace", started only by a logged-in citizen through `myspace.start`,
   * its row keeping the account's id (one unfinished flow per kind and account). Absent: an anonymous
   * flow (the sign-up), started by its own procedure.
   */
  readonly owner?: "account";
  /** Its entry in "Mon espace" (required with `owner: "account"`). */
  readonly menu?: DemarcheMenu;
  /** False when the tenant does not offer it: not in the menu, refused by `myspace.start`. Offered when absent. */
  readonly available?: (tenant: Tenant) => boolean;
  /**
   * The machine's input when it starts (`createActor(machine, { input })`): for a démarche, the account's
   * current values, loaded through a port the definition's factory was given. Throws when it cannot.
   */
  readonly input?: (start: DemarcheStart, deps: FlowRuntimeDeps) => Promise<Record<string, unknown>>;
  /** Bumped whenever a saved snapshot could stop fitting the chart (docs/adding-a-step.md, part C). */
  readonly version: number;
  /**
   * The machine with its actors provided, built once per process from the runtime's dependencies. Its
   * context may hold `request` (the flow's id and client, set on every restore) and `errors`; the keys of
   * `transient` are never persisted.
   */
  readonly machine: (deps: FlowRuntimeDeps) => AnyStateMachine;
  /** Context keys that answer one move and are never stored (besides `request` and `errors`). */
  readonly transient?: ReadonlyArray<string>;
  /** Brings a snapshot of an older version up to this one; throws when it cannot. */
  readonly migrate: SnapshotMigrator;
  /** True when a parsed snapshot has the shape the machine and the view may read. */
  readonly fits: (snapshot: unknown) => boolean;
  /** The pages in order, from the first to the final one: progress and titles. */
  readonly pages: ReadonlyArray<string>;
  /** Pages not counted in the progress (a welcome, the final page). */
  readonly unnumbered: ReadonlyArray<string>;
  /** Steps whose answers the review lists, in order; a "Modifier" link opens each. */
  readonly reviewed: ReadonlyArray<string>;
  /** The steps an EDIT move may open (the review's "Modifier" links); `reviewed` when absent. */
  readonly editable?: ReadonlyArray<string>;
  /** Each page's title. */
  readonly titles: Readonly<Record<string, string>>;
  /** The steps whose values the machine takes, by id (from the step registry). */
  readonly steps: Readonly<Record<string, StepDefinition>>;
  /** Pages without values that NEXT moves on from (the review); NEXT on any other page without values is refused. */
  readonly confirms?: ReadonlyArray<string>;
  /** What the final states do: `done` keeps the row as a finished flow, `delete` removes it. */
  readonly finals: Readonly<Record<string, "done" | "delete">>;
  /** A check of a step's values the schema cannot make (a lookup, a database), before the machine sees them. */
  readonly problems?: (step: string, value: unknown, scope: FlowScope, deps: FlowRuntimeDeps) => Promise<FieldErrors>;
  /** Refuses a move's values out of hand (too many keys…); throws a request error. */
  readonly bounds?: (step: string, values: Record<string, unknown>, deps: FlowRuntimeDeps) => void;
  /** Completes values the server can recognise before they are checked (a birth commune typed in full). */
  readonly complete?: (step: string, values: Record<string, unknown>) => Record<string, unknown>;
  /** What the view adds on a page (the services' keys, the password policy…). */
  readonly extras?: (step: string, input: ViewInput, deps: ViewDeps) => Partial<FlowView>;
  /** The final page's paragraphs (`view.ending`), in French, from the finished flow's context. */
  readonly ending?: (context: FlowContext) => ReadonlyArray<string>;
}
