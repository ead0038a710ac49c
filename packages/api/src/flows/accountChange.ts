import { fromPromise } from "xstate";
import { Schema } from "effect";
import { fr, stepRegistry, type FieldErrors } from "@guichet/schema";
import type { AccountChangeMachine, AccountChangeOutcome, AccountChangeSave, FlowScope } from "@guichet/machines";
import type { DemarcheMenu, FlowDefinition } from "../flowDefinition";
import type { FlowRuntimeDeps } from "../flowRuntime";
import { createSnapshotMigrator } from "../snapshotMigrations";
import type { Tenant } from "../tenant";

/** What a one-step démarche of "Mon espace" is made of, besides its machine (`accountChangeMachine`). */
export interface AccountChangeFlowOptions {
  readonly kind: string;
  readonly menu: DemarcheMenu;
  readonly machine: AccountChangeMachine;
  readonly version: number;
  /** Its step, an id of the step registry: the state of the same name in the machine. */
  readonly step: string;
  /** The step's page title, and the final page's. */
  readonly title: string;
  readonly doneTitle: string;
  readonly available?: (tenant: Tenant) => boolean;
  /** The step's answer before any change (prefilled), when it shows the account's values. */
  readonly current?: (accountId: string) => Promise<Record<string, unknown> | undefined>;
  /** What the schema cannot check (the current password, the account's username), for the flow's account. */
  readonly problems?: (accountId: string, value: Record<string, unknown>, scope: FlowScope, deps: FlowRuntimeDeps) => Promise<FieldErrors>;
  /** The change, through the completion hook; what it answers is the final page's `outcome`. */
  readonly save: (input: AccountChangeSave) => Promise<AccountChangeOutcome>;
  /** The final page's paragraphs, from what the save answered. */
  readonly ending: (outcome: AccountChangeOutcome) => ReadonlyArray<string>;
  /** What the view adds on the step (the password policy). */
  readonly extras?: FlowDefinition["extras"];
}

const Fields = Schema.Record(Schema.String, Schema.Unknown);
/** The shape a stored snapshot of such a démarche must have before the machine and the view read it. */
const fits = Schema.is(
  Schema.Struct({
    value: Schema.String,
    context: Schema.Struct({ accountId: Schema.String, answers: Fields, drafts: Schema.Record(Schema.String, Fields), returnToReview: Schema.Boolean }),
  }),
);

/**
 * The definition of a démarche of "Mon espace" made of one step, its RÉCAPITULATIF and the save: the
 * runtime, Mon espace and the generic page run it as any (docs/adding-a-demarche.md).
 */
export function accountChangeFlow(o: AccountChangeFlowOptions): FlowDefinition {
  const entry = stepRegistry[o.step];
  if (!entry) throw new Error(`step ${o.step} is not in the step registry`);
  return {
    kind: o.kind,
    owner: "account",
    menu: o.menu,
    ...(o.available ? { available: o.available } : {}),
    input: async ({ accountId }) => {
      const current = await o.current?.(accountId);
      return { accountId, ...(current ? { current } : {}) };
    },
    version: o.version,
    machine: () => o.machine.provide({ actors: { save: fromPromise(({ input }) => o.save(input)) } }),
    migrate: createSnapshotMigrator(o.machine, o.version, {}),
    fits,
    pages: [o.step, "review", "done"],
    unnumbered: ["done"],
    titles: { [o.step]: o.title, review: fr.steps.review, done: o.doneTitle },
    steps: { [o.step]: entry },
    confirms: ["review"],
    reviewed: [o.step],
    finals: { done: "done", cancelled: "delete" },
    ...(o.problems
      ? {
          problems: async (step, value, scope, deps) => {
            if (step !== o.step) return {};
            // The flow's account, as its row keeps it: never anything a move says.
            const accountId = (await deps.store.findById(scope.flowId))?.accountId;
            if (!accountId) return { _form: fr.errors.internal };
            return o.problems!(accountId, value as Record<string, unknown>, scope, deps);
          },
        }
      : {}),
    ending: (context) => o.ending((context.outcome as AccountChangeOutcome | undefined) ?? {}),
    ...(o.extras ? { extras: o.extras } : {}),
  };
}
