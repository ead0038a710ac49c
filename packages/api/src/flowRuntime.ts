import { randomUUID } from "node:crypto";
import { createActor, waitFor, type AnyActorRef, type AnyStateMachine, type Snapshot } from "xstate";
import { checkStep, fr, type CaptchaAnswer, type CaptchaView, type FieldErrors, type FlowMove, type FlowView, type Identity } from "@guichet/schema";
import { checkedSubmit, type Answers, type FlowScope } from "@guichet/machines";
import type { FlowRecord, FlowStore } from "@guichet/db";
import { flowErrors } from "./FlowError";
import { flowView, stepOf, type FlowContext } from "./flowView";
import { hashToken, newSecretToken } from "./secretToken";
import { frenchDay } from "./clock";
import type { Tenant } from "./tenant";
import type { PlaceNames } from "./placeNames";
import type { ServiceDirectory } from "./serviceDirectory";
import type { DemarcheStart, FlowDefinition } from "./flowDefinition";
import { registrationFlow } from "./flows/registration";
import { contextWithoutSecrets, withoutSecrets } from "./secretFields";
import { follow, movedFields, PREFILLED, rebase, type ChangedField } from "./accountValues";
import { demarcheMessages } from "./demarches/messages";

/** A snapshot as the runtime handles it, whatever the definition: a state, a context. */
type FlowSnapshot = Snapshot<unknown> & {
  value: unknown;
  context: FlowContext & { errors?: FieldErrors; captchaNext?: CaptchaView };
  hasTag(tag: string): boolean;
};

/**
 * Who makes a request, as far as the flow's limits need to know: the security check counts challenges per
 * address, the e-mail budget the "already registered" notices, the service keys their tries.
 */
export interface FlowClient {
  /** The client's address; absent for calls made by the server itself (live views, resumes). */
  readonly ip?: string;
}

/** The security check as the runtime needs it; `disabled` only with GUICHET_CAPTCHA=off outside production. */
export interface CaptchaPort {
  readonly disabled: boolean;
  issue(flowId: string, client?: FlowClient): Promise<CaptchaView>;
  verify(flowId: string, answer: CaptchaAnswer, client?: FlowClient): Promise<{ ok: true } | { ok: false; message: string; next: CaptchaView }>;
}

/** Who asks for a move: their address, and the proof of work the page solved (flow.start, VALIDER). */
export interface FlowRequest extends FlowClient {
  readonly pow?: string;
  /**
   * A read of the server's own, whose caller already holds the right to it: a live view opened with a
   * ticket its owner asked for, Mon espace's service once it checked the account. No session is asked.
   */
  readonly internal?: true;
  /** The caller's session token (its cookie), when logged in: a démarche's save may end the account's other sessions. */
  readonly session?: string;
}

export interface FlowRuntimeDeps {
  readonly store: FlowStore;
  readonly tenant: Tenant;
  readonly places: PlaceNames;
  readonly services: ServiceDirectory;
  readonly captcha: CaptchaPort;
  readonly hashPassword: (password: string) => Promise<string>;
  /**
   * The account of a live session, from its token (the cookie). A démarche of "Mon espace" is served only
   * to its owner's session: its token alone, after a logout or on another browser, finds nothing.
   */
  readonly sessionAccount?: (sessionToken: string | undefined) => Promise<string | undefined>;
  /** Before a flow hashes a password (argon2): throws, refused, when the flow or its address hashed too many. */
  readonly beforePasswordHash?: (scope: FlowScope) => Promise<void>;
  readonly isCommonPassword: (password: string) => boolean;
  readonly usernameAvailable: (username: string) => Promise<boolean>;
  /** Checks a form's schema cannot make: places that exist, a photo uploaded by this flow. */
  readonly identityProblems?: (flowId: string, identity: Identity) => Promise<FieldErrors>;
  /** `franceConnectSub`: the citizen's FranceConnect identifier, when FranceConnect certified the identity. */
  readonly createAccount: (flowId: string, answers: Answers, client?: string, franceConnectSub?: string) => Promise<import("@guichet/machines").AccountResult>;
  /** The proof-of-work barrier, asked at flow.start and at VALIDER of the security check; absent, nothing is asked. */
  readonly proofOfWork?: { require(pow: string | undefined): Promise<void> };
  readonly now: () => Date;
  /** Counts one service key typed by hand; a wait refuses it (see account/throttle.ts). */
  readonly serviceKeyTry?: (flowOrAccount: string, ip: string) => Promise<{ retryAfterSeconds: number } | undefined>;
  /** Told after every accepted move, for live updates of other open views. */
  readonly onMoved?: (flowId: string, version: number) => void;
  /** The flows this runtime runs, by kind; the sign-up alone when not given. */
  readonly definitions?: ReadonlyArray<FlowDefinition>;
  /** Told when an actor hooks into a flow, for the inspector. */
  readonly inspect?: Parameters<typeof createActor>[1] extends infer O ? (O extends { inspect?: infer I } ? I : never) : never;
}

/** What `render` draws: the flow's row as read, the snapshot to show, and what answers this move. */
interface RenderOptions {
  readonly token: string;
  readonly version: number;
  readonly snapshot: FlowSnapshot;
  readonly scope: FlowScope;
  readonly definition: Prepared;
  readonly errors?: FieldErrors;
  /** What the citizen just typed, shown again when the move was refused. */
  readonly typed?: Record<string, unknown>;
}

/** A definition with its machine provided, once per runtime. */
interface Prepared {
  readonly definition: FlowDefinition;
  readonly machine: AnyStateMachine;
}

/**
 * Runs any flow definition per request: load the snapshot, restore, apply one move, wait until it
 * settles, persist with a version check, answer a view. Actors live for one request only, so any process
 * can serve any flow and nothing waits in memory. What an actor needs of the request in hand (the flow's
 * id, the client) is in the restored context's `request`; what it answers (the next security check)
 * comes back in the context, never through a side channel.
 */
export function createFlowRuntime(deps: FlowRuntimeDeps) {
  const { store, tenant, places } = deps;
  const ttlMs = tenant.flowTtlDays * 86_400_000;

  const definitions = new Map<string, Prepared>();
  for (const definition of deps.definitions ?? [registrationFlow]) {
    definitions.set(definition.kind, { definition, machine: definition.machine(deps) });
  }
  const definitionOf = (kind: string): Prepared => {
    const prepared = definitions.get(kind);
    if (!prepared) throw flowErrors.broken(new Error(`no flow definition of kind ${kind}`));
    return prepared;
  };

  /** Restores an actor; a snapshot that no longer fits the machine is a clear error for that flow only. */
  function restore(record: FlowRecord, prepared: Prepared, scope: FlowScope) {
    let failure: unknown;
    let actor;
    try {
      const { definition } = prepared;
      const snapshot = definition.migrate(JSON.parse(record.snapshot), record.machineVersion) as FlowSnapshot;
      if (!definition.fits(snapshot)) throw new Error(`stored snapshot does not have the ${definition.kind}'s shape`);
      // The request in hand reaches the actors through the context; `persisted` takes it out again.
      const scoped = { ...snapshot, context: { ...snapshot.context, request: scope } };
      actor = createActor(prepared.machine, { snapshot: scoped, ...(deps.inspect ? { inspect: deps.inspect } : {}) });
      // Observed before start: an unobserved actor error is rethrown in a timer and kills the process.
      actor.subscribe({ error: (err) => (failure = err) });
      actor.start();
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined || !actor || actor.getSnapshot().status === "error") {
      actor?.stop();
      throw flowErrors.broken(failure);
    }
    return { actor, failed: () => failure };
  }

  const persisted = (actor: AnyActorRef, prepared: Prepared, extra: Record<string, unknown> = {}) => {
    const snap = actor.getPersistedSnapshot() as FlowSnapshot;
    // Errors answer one move, the request is this one's: neither is stored; nor is any password, whatever the machine kept.
    const context = contextWithoutSecrets({ ...snap.context, ...extra, errors: {} }, prepared.definition.steps);
    delete context.request;
    // An ended démarche keeps nothing of the account it read.
    if (snap.status !== "active") delete context[PREFILLED];
    for (const key of prepared.definition.transient ?? []) delete context[key];
    return JSON.stringify({ ...snap, context });
  };

  /** The flow a token names, unless it is a démarche and the session is not its owner's: then, as unknown. */
  async function find(token: string, request: FlowRequest) {
    const record = await store.findByTokenHash(hashToken(token), deps.now());
    if (record?.accountId && !request.internal && deps.sessionAccount && (await deps.sessionAccount(request.session)) !== record.accountId) return undefined;
    return record;
  }

  async function load(token: string, request: FlowRequest) {
    const record = await find(token, request);
    if (!record) throw flowErrors.notFound();
    return record;
  }

  /**
   * A démarche of Mon espace brought up to the account's current values before anything reads or moves
   * it: the runtime keeps what its input prefilled (`prefilled`), reads the account again, and takes
   * each value changed elsewhere since into the answers and drafts the citizen left untouched
   * (accountValues.ts). Saved as a move of its own; answers the new row and what changed, or undefined.
   */
  async function rebased(
    record: FlowRecord,
    prepared: Prepared,
  ): Promise<{ record: FlowRecord; then: StepValues; now: StepValues; changed: ChangedField[] } | "conflict" | undefined> {
    const { definition } = prepared;
    if (!record.accountId || definition.owner !== "account" || !definition.input || record.status !== "active") return undefined;
    let snapshot: FlowSnapshot;
    let now: StepValues;
    try {
      snapshot = definition.migrate(JSON.parse(record.snapshot), record.machineVersion) as FlowSnapshot;
      if (snapshot.status !== "active" || !definition.fits(snapshot)) return undefined;
      now = prefilledBy(prepared, await definition.input({ accountId: record.accountId }, deps));
    } catch {
      // A snapshot that does not fit is restore's error to report; an account gone cannot be saved to either.
      return undefined;
    }
    const result = rebase(snapshot.context, now);
    if (!result) return undefined;
    const then = (snapshot.context[PREFILLED] ?? now) as StepValues;
    const next = JSON.stringify({ ...snapshot, context: result.context });
    const at = deps.now();
    const write = {
      snapshot: next,
      machineVersion: definition.version,
      step: record.step,
      status: "active" as const,
      expiresAt: new Date(at.getTime() + ttlMs),
    };
    if (!(await store.compareAndSet(record.id, record.version, write, at))) return "conflict";
    deps.onMoved?.(record.id, record.version + 1);
    return { record: { ...record, ...write, version: record.version + 1, updatedAt: at }, then, now, changed: result.changed };
  }

  /** The sentence that says which of the account's values changed since the démarche read them. */
  const changedSince = (changed: ReadonlyArray<ChangedField>, { definition }: Prepared): FieldErrors => {
    if (!changed.length) return {};
    const labels = changed.map(({ step, field }) => definition.steps[step]?.fields?.find((f) => f.name === field)?.label ?? definition.titles[step] ?? step);
    return { _form: demarcheMessages.changedSince([...new Set(labels)]) };
  };

  async function render({ token, version, snapshot, scope, definition, errors = {}, typed }: RenderOptions): Promise<FlowView> {
    const step = stepOf(snapshot.value);
    const captchaView = step === "captcha" ? (snapshot.context.captchaNext ?? (await deps.captcha.issue(scope.flowId, clientOf(scope)))) : undefined;
    try {
      return flowView(
        {
          token,
          version,
          stateValue: snapshot.value,
          context: snapshot.context,
          errors,
          ...(typed ? { typed } : {}),
          ...(captchaView ? { captcha: captchaView } : {}),
        },
        definition.definition,
        { tenant, places },
      );
    } catch (err) {
      // The view does no I/O: what it cannot draw is a stored flow that does not fit, that flow's error only.
      throw flowErrors.broken(err);
    }
  }

  return {
    /** The definitions this runtime runs, in the order given (the menu of "Mon espace" keeps it). */
    definitions(): ReadonlyArray<FlowDefinition> {
      return [...definitions.values()].map((p) => p.definition);
    },

    /**
     * Starts a flow of the given kind (the sign-up by default). A démarche of "Mon espace"
     * (`owner: "account"`) is started for an account (`owner`), with its definition's `input`; the
     * proof of work is the anonymous sign-up's, a session stands for it.
     */
    async start(request: FlowRequest = {}, kind = registrationFlow.kind, owner?: DemarcheStart): Promise<FlowView> {
      const prepared = definitionOf(kind);
      const { definition } = prepared;
      if ((definition.owner === "account") !== (owner !== undefined)) throw flowErrors.broken(new Error(`flow ${kind} started with the wrong owner`));
      if (!owner) await deps.proofOfWork?.require(request.pow);
      const input = owner && definition.input ? await definition.input(owner, deps) : undefined;
      const token = newSecretToken();
      const id = randomUUID();
      const actor = createActor(prepared.machine, { ...(input ? { input } : {}), ...(deps.inspect ? { inspect: deps.inspect } : {}) }).start();
      try {
        // What the account's values prefilled, to tell later a change made elsewhere from the citizen's (rebased).
        const snapshot = persisted(actor, prepared, input && owner ? { [PREFILLED]: (actor.getSnapshot() as FlowSnapshot).context.answers } : {});
        const now = deps.now();
        const record = await store.create(
          id,
          hashToken(token),
          {
            kind: prepared.definition.kind,
            snapshot,
            machineVersion: prepared.definition.version,
            step: stepOf(actor.getSnapshot().value),
            status: "active",
            expiresAt: new Date(now.getTime() + ttlMs),
          },
          now,
          owner?.accountId,
        );
        return await render({
          token,
          version: record.version,
          snapshot: actor.getSnapshot() as FlowSnapshot,
          scope: scopeOf(id, request),
          definition: prepared,
        });
      } finally {
        actor.stop();
      }
    },

    async get(token: string, client: FlowRequest = {}): Promise<FlowView> {
      let record = await load(token, client);
      const prepared = definitionOf(record.kind);
      const scope = scopeOf(record.id, client);
      let errors: FieldErrors = {};
      const fresh = await rebased(record, prepared);
      // Another move came first: draw the flow as it now is.
      if (fresh === "conflict") record = await load(token, client);
      else if (fresh) ({ record, errors } = { record: fresh.record, errors: changedSince(fresh.changed, prepared) });
      const { actor } = restore(record, prepared, scope);
      try {
        return await render({ token, version: record.version, snapshot: actor.getSnapshot() as FlowSnapshot, scope, definition: prepared, errors });
      } finally {
        actor.stop();
      }
    },

    /** The flow's id for a token (live updates, uploads); undefined when unknown or expired. */
    async idOf(token: string, session?: string): Promise<string | undefined> {
      return (await find(token, session ? { session } : {}))?.id;
    },

    /**
     * Sends the flow an event the server itself vouches for (an identity FranceConnect certified), by the
     * flow's id: no page can send it. False when the flow is unknown, ended, or the machine ignored the event.
     */
    async deliver(flowId: string, event: { readonly type: string; readonly [key: string]: unknown }): Promise<boolean> {
      const record = await store.findById(flowId);
      if (!record || record.status !== "active" || record.expiresAt.getTime() <= deps.now().getTime()) return false;
      const prepared = definitionOf(record.kind);
      const { actor, failed } = restore(record, prepared, scopeOf(record.id, {}));
      try {
        actor.send(event);
        const after = (await waitFor(actor, (s) => s.status !== "active" || !(s as FlowSnapshot).hasTag("busy"), { timeout: 20_000 })) as FlowSnapshot;
        if (failed() !== undefined || after.status === "error") throw flowErrors.broken(failed());
        const next = persisted(actor, prepared);
        if (next === record.snapshot) return false;
        const now = deps.now();
        const ok = await store.compareAndSet(
          record.id,
          record.version,
          {
            snapshot: next,
            machineVersion: prepared.definition.version,
            step: stepOf(after.value),
            status: "active",
            expiresAt: new Date(now.getTime() + ttlMs),
          },
          now,
        );
        if (!ok) throw flowErrors.conflict();
        deps.onMoved?.(record.id, record.version + 1);
        return true;
      } finally {
        actor.stop();
      }
    },

    async versionOf(flowId: string): Promise<number | undefined> {
      return (await store.findById(flowId))?.version;
    },

    async send(token: string, version: number, move: FlowMove, request: FlowRequest = {}): Promise<FlowView> {
      let record = await load(token, request);
      if (record.version !== version) throw flowErrors.conflict();
      const prepared = definitionOf(record.kind);
      const { definition } = prepared;
      const scope = scopeOf(record.id, request);
      const fresh = await rebased(record, prepared);
      if (fresh === "conflict") throw flowErrors.conflict();
      if (fresh?.changed.length && move.type !== "CANCEL") {
        // The account changed since the page was drawn: nothing is written before the citizen has seen today's values (giving up writes none).
        const { actor } = restore(fresh.record, prepared, scope);
        try {
          const snapshot = actor.getSnapshot() as FlowSnapshot;
          const step = stepOf(snapshot.value);
          const sent = move.type === "NEXT" || move.type === "BACK" ? move.values : undefined;
          const typed = sent
            ? follow(withoutSecrets(sent, definition.steps[step]), fresh.then[step], fresh.now[step], movedFields(fresh.then[step], fresh.now[step]))
            : undefined;
          return await render({
            token,
            snapshot,
            scope,
            definition: prepared,
            version: fresh.record.version,
            errors: changedSince(fresh.changed, prepared),
            ...(typed ? { typed } : {}),
          });
        } finally {
          actor.stop();
        }
      }
      if (fresh) record = fresh.record;
      const { actor, failed } = restore(record, prepared, scope);
      try {
        const before = actor.getSnapshot() as FlowSnapshot;
        const step = stepOf(before.value);
        const view = { token, snapshot: before, scope, definition: prepared };
        // VALIDER costs the proof of work before the answer is even looked at: a script pays for every guess.
        if (step === "captcha" && move.type === "NEXT") await deps.proofOfWork?.require(request.pow);
        const submission = await toEvent(move, step, definition, deps, scope);
        if ("errors" in submission) {
          return await render({ ...view, version: record.version, errors: submission.errors, ...(submission.typed ? { typed: submission.typed } : {}) });
        }
        actor.send(submission.event);
        const after = (await waitFor(actor, (s) => s.status !== "active" || !(s as FlowSnapshot).hasTag("busy"), { timeout: 20_000 })) as FlowSnapshot;
        if (failed() !== undefined || after.status === "error") throw flowErrors.broken(failed());
        const next = persisted(actor, prepared);
        const typed = "typed" in submission ? submission.typed : undefined;
        const errors = after.context.errors ?? {};
        const shown = { ...view, snapshot: after };
        if (next === record.snapshot) {
          // Refused: the stored flow stays exactly as it was.
          return await render({ ...shown, version: record.version, errors: Object.keys(errors).length ? errors : refusal(move), ...(typed ? { typed } : {}) });
        }
        const nextStep = stepOf(after.value);
        const final = definition.finals[nextStep];
        if (final === "delete") {
          await store.delete(record.id);
          deps.onMoved?.(record.id, record.version + 1);
          return await render({ ...shown, version: record.version + 1 });
        }
        const now = deps.now();
        const ok = await store.compareAndSet(
          record.id,
          record.version,
          {
            snapshot: next,
            machineVersion: definition.version,
            step: nextStep,
            status: final === "done" ? "done" : "active",
            expiresAt: new Date(now.getTime() + ttlMs),
          },
          now,
        );
        if (!ok) throw flowErrors.conflict();
        deps.onMoved?.(record.id, record.version + 1);
        return await render({ ...shown, version: record.version + 1, errors, ...(Object.keys(errors).length && typed ? { typed } : {}) });
      } finally {
        actor.stop();
      }
    },
  };
}
export type FlowRuntime = ReturnType<typeof createFlowRuntime>;

/** The answers a démarche's input prefills: its machine's first context, never started. */
const prefilledBy = ({ machine }: Prepared, input: Record<string, unknown>): StepValues =>
  ((createActor(machine, { input }).getSnapshot() as FlowSnapshot).context.answers ?? {}) as StepValues;

/** Values by step, as a context keeps its answers. */
type StepValues = Record<string, Record<string, unknown> | undefined>;

/** A move the machine ignored without saying why (e.g. NEXT on a step that takes none). */
const refusal = (move: FlowMove): FieldErrors => (move.type === "NEXT" ? { _form: fr.errors.wrongStep } : {});

const scopeOf = (flowId: string, client: FlowRequest): FlowScope => ({
  flowId,
  ...(client.ip ? { ip: client.ip } : {}),
  // The session's id (the hash of its token), never the token: the scope reaches actors and is never stored.
  ...(client.session ? { session: hashToken(client.session) } : {}),
});
const clientOf = (scope: FlowScope): FlowClient => (scope.ip ? { ip: scope.ip } : {});

type Submission =
  { event: { type: string; [key: string]: unknown }; typed?: Record<string, unknown> } | { errors: FieldErrors; typed?: Record<string, unknown> };

/**
 * Turns a UI's move into a machine event: the step's values checked once, with its registry entry
 * (`checkStep`), then made what the machine keeps (the password hashed); the machine takes that verdict.
 */
async function toEvent(move: FlowMove, step: string, definition: FlowDefinition, deps: FlowRuntimeDeps, scope: FlowScope): Promise<Submission> {
  const today = frenchDay(deps.now());
  switch (move.type) {
    case "START":
      return { event: { type: "START" } };
    case "CANCEL":
      return { event: { type: "CANCEL" } };
    case "EDIT":
      // Only a step the review links to: any other name is refused here, whatever the chart would do.
      if (!(definition.editable ?? definition.reviewed).includes(move.step)) return { errors: { _form: fr.errors.wrongStep } };
      return { event: { type: "EDIT", step: move.step } };
    case "BACK":
      // What PRÉCÉDENT keeps of the page is a draft: its passwords never reach the machine.
      return { event: { type: "BACK", ...(move.values ? { draft: withoutSecrets(move.values, definition.steps[step]) } : {}) } };
    case "NEXT": {
      const sent = (move.values ?? {}) as Record<string, unknown>;
      definition.bounds?.(step, sent, deps);
      const values = definition.complete?.(step, sent) ?? sent;
      const entry = definition.steps[step];
      if (!entry) {
        // A page without values (the review) moves on with nothing to check; any other takes no NEXT.
        if (!definition.confirms?.includes(step)) return { errors: { _form: fr.errors.wrongStep } };
        return { event: { type: "SUBMIT", step, values: {}, today } };
      }
      const rules = {
        today,
        passwordPolicy: deps.tenant.passwordPolicy,
        isCommonPassword: deps.isCommonPassword,
        captchaDisabled: deps.captcha.disabled,
        ...(deps.tenant.nameScripts ? { nameScripts: deps.tenant.nameScripts } : {}),
      };
      const result = checkStep(entry, values, rules);
      const typed = withoutSecrets(values, entry);
      if (!result.ok) return { errors: result.errors, typed };
      const problems = await definition.problems?.(step, result.value, scope, deps);
      if (problems && Object.keys(problems).length) return { errors: problems, typed };
      const hashPassword = async (password: string) => {
        await deps.beforePasswordHash?.(scope);
        return deps.hashPassword(password);
      };
      const answer = withoutSecrets(entry.toAnswer ? await entry.toAnswer(result.value as never, { hashPassword }) : result.value, entry);
      return { event: checkedSubmit({ type: "SUBMIT", step, values: answer, today } as never), typed };
    }
  }
}
