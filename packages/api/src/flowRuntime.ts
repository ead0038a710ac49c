import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { createActor, fromPromise, waitFor, type SnapshotFrom } from "xstate";
import {
  Address,
  CaptchaAnswer,
  Contacts,
  ServiceKeys,
  Terms,
  credentialsSchema,
  fr,
  identitySchema,
  validate,
  type CaptchaView,
  type FieldErrors,
  type FlowMove,
  type FlowView,
  type Identity,
} from "@guichet/schema";
import {
  registrationMachine,
  registrationMachineVersion,
  type Answers,
  type CaptchaResult,
  type RegistrationEvent,
  type ServiceKey,
} from "@guichet/machines";
import type { FlowRecord, FlowStore } from "@guichet/db";
import { flowErrors } from "./FlowError";
import { flowView, stepOf } from "./flowView";
import { hashToken, newSecretToken } from "./secretToken";
import { frenchDay } from "./clock";
import type { Tenant } from "./tenant";
import type { PlaceNames } from "./placeNames";
import type { ServiceDirectory } from "./serviceDirectory";
import { migrateSnapshot } from "./snapshotMigrations";
import { resolveBirthCommune } from "./resolveBirthCommune";
import { snapshotFits } from "./snapshotShape";
import { TRPCError } from "@trpc/server";
import { accountMessages } from "./account/messages";

type Snapshot = SnapshotFrom<typeof registrationMachine>;

/** What the actors of one request need to know of it. */
interface RequestScope {
  flowId: string;
  captchaNext?: CaptchaView;
  client: FlowClient;
}

/**
 * Who makes a request, as far as the flow's limits need to know: the security check counts challenges per
 * address, the e-mail budget the "already registered" notices, the service keys their tries.
 */
export interface FlowClient {
  /** The client's address; absent for calls made by the server itself (live views, resumes). */
  readonly ip?: string;
}
const requests = new AsyncLocalStorage<RequestScope>();
const inRequest = () => {
  const scope = requests.getStore();
  if (!scope) throw new Error("a flow actor ran outside a request");
  return scope;
};

/** The security check as the runtime needs it; `disabled` only with GUICHET_CAPTCHA=off outside production. */
export interface CaptchaPort {
  readonly disabled: boolean;
  issue(flowId: string, client?: FlowClient): Promise<CaptchaView>;
  verify(flowId: string, answer: CaptchaAnswer, client?: FlowClient): Promise<{ ok: true } | { ok: false; message: string; next: CaptchaView }>;
}

/** Who asks for a move: their address, and the proof of work the page solved (flow.start, VALIDER). */
export interface FlowRequest extends FlowClient {
  readonly pow?: string;
}

export interface FlowRuntimeDeps {
  readonly store: FlowStore;
  readonly tenant: Tenant;
  readonly places: PlaceNames;
  readonly services: ServiceDirectory;
  readonly captcha: CaptchaPort;
  readonly hashPassword: (password: string) => Promise<string>;
  readonly isCommonPassword: (password: string) => boolean;
  readonly usernameAvailable: (username: string) => Promise<boolean>;
  /** Checks a form's schema cannot make: places that exist, a photo uploaded by this flow. */
  readonly identityProblems?: (flowId: string, identity: Identity) => Promise<FieldErrors>;
  readonly createAccount: (flowId: string, answers: Answers, client?: string) => Promise<import("@guichet/machines").AccountResult>;
  /** The proof-of-work barrier, asked at flow.start and at VALIDER of the security check; absent, nothing is asked. */
  readonly proofOfWork?: { require(pow: string | undefined): Promise<void> };
  readonly now: () => Date;
  /** Counts one service key typed by hand; a wait refuses it (see account/throttle.ts). */
  readonly serviceKeyTry?: (flowOrAccount: string, ip: string) => Promise<{ retryAfterSeconds: number } | undefined>;
  /** Told after every accepted move, for live updates of other open views. */
  readonly onMoved?: (flowId: string, version: number) => void;
  /** Told when an actor hooks into a flow, for the inspector. */
  readonly inspect?: Parameters<typeof createActor>[1] extends infer O ? (O extends { inspect?: infer I } ? I : never) : never;
}

/**
 * Runs the registration machine per request: load the snapshot, restore, apply one move, wait until
 * it settles, persist with a version check, answer a view. Actors live for one request only, so
 * any process can serve any flow and nothing waits in memory.
 */
export function createFlowRuntime(deps: FlowRuntimeDeps) {
  const { store, tenant, places } = deps;
  const ttlMs = tenant.flowTtlDays * 86_400_000;

  // One machine for the process: providing it per request rebuilt the whole chart each time (a tenth of a step's
  // cost). What an actor needs of the request in hand (which flow, the next captcha) comes from the request scope.
  const machine = registrationMachine.provide({
    actors: {
      checkUsername: fromPromise(async ({ input }) => ({ available: await deps.usernameAvailable(input.username) })),
      matchServices: fromPromise(async ({ input }) => matchServices(deps.services, tenant, input.identity, input.current)),
      checkServiceKeys: fromPromise(async ({ input }) => {
        const { flowId, client } = inRequest();
        const tryKey = deps.serviceKeyTry;
        return checkServiceKeys(deps.services, input.identity, input.typed, input.current, tryKey ? () => tryKey(`flow:${flowId}`, client.ip ?? "unknown") : undefined);
      }),
      verifyCaptcha: fromPromise<CaptchaResult, { challengeId: string; cellKey?: string; text?: string }>(async ({ input }) => {
        const request = inRequest();
        const verdict = await deps.captcha.verify(request.flowId, input, request.client);
        if (verdict.ok) return verdict;
        request.captchaNext = verdict.next;
        return { ok: false, message: verdict.message };
      }),
      createAccount: fromPromise(async ({ input }) => deps.createAccount(inRequest().flowId, input.answers, inRequest().client.ip)),
    },
  });

  /** Restores an actor; a snapshot that no longer fits the machine is a clear error for that flow only. */
  function restore(record: FlowRecord) {
    let failure: unknown;
    let actor;
    try {
      const snapshot = migrateSnapshot(JSON.parse(record.snapshot), record.machineVersion);
      if (!snapshotFits(snapshot)) throw new Error("stored snapshot does not have the registration's shape");
      actor = createActor(machine, { snapshot: snapshot as Snapshot, ...(deps.inspect ? { inspect: deps.inspect } : {}) });
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

  const persisted = (actor: { getPersistedSnapshot(): unknown }) => {
    const snap = actor.getPersistedSnapshot() as Snapshot;
    // Errors answer one move; they are never stored.
    return JSON.stringify({ ...snap, context: { ...snap.context, errors: {} } });
  };

  async function load(token: string) {
    const record = await store.findByTokenHash(hashToken(token), deps.now());
    if (!record) throw flowErrors.notFound();
    return record;
  }

  async function render(token: string, version: number, snapshot: Snapshot, flowId: string, errors: FieldErrors, typed?: Record<string, unknown>, captcha?: CaptchaView): Promise<FlowView> {
    const step = stepOf(snapshot.value);
    const captchaView = step === "captcha" ? (captcha ?? (await deps.captcha.issue(flowId, requests.getStore()?.client))) : undefined;
    try {
      return flowView(
        { token, version, stateValue: snapshot.value, context: snapshot.context, errors, ...(typed ? { typed } : {}), ...(captchaView ? { captcha: captchaView } : {}) },
        tenant,
        places,
      );
    } catch (err) {
      // The view does no I/O: what it cannot draw is a stored flow that does not fit, that flow's error only.
      throw flowErrors.broken(err);
    }
  }

  return {
    async start(request: FlowRequest = {}): Promise<FlowView> {
      await deps.proofOfWork?.require(request.pow);
      return requests.run({ flowId: "", client: { ...(request.ip ? { ip: request.ip } : {}) } }, () => startInRequest());
    },

    async get(token: string, client: FlowClient = {}): Promise<FlowView> {
      const record = await load(token);
      return requests.run({ flowId: record.id, client }, async () => {
        const { actor } = restore(record);
        try {
          return await render(token, record.version, actor.getSnapshot(), record.id, {});
        } finally {
          actor.stop();
        }
      });
    },

    /** The flow's id for a token (live updates, uploads); undefined when unknown or expired. */
    async idOf(token: string): Promise<string | undefined> {
      return (await store.findByTokenHash(hashToken(token), deps.now()))?.id;
    },

    async versionOf(flowId: string): Promise<number | undefined> {
      return (await store.findById(flowId))?.version;
    },

    send(token: string, version: number, move: FlowMove, request: FlowRequest = {}): Promise<FlowView> {
      return requests.run({ flowId: "", client: { ...(request.ip ? { ip: request.ip } : {}) } }, () => sendInRequest(token, version, move, request.pow));
    },
  };

  async function startInRequest(): Promise<FlowView> {
    const token = newSecretToken();
    const id = randomUUID();
    const actor = createActor(machine, deps.inspect ? { inspect: deps.inspect } : {}).start();
    const snapshot = persisted(actor);
    const now = deps.now();
    const record = await store.create(id, hashToken(token), {
      snapshot,
      machineVersion: registrationMachineVersion,
      step: stepOf(actor.getSnapshot().value),
      status: "active",
      expiresAt: new Date(now.getTime() + ttlMs),
    }, now);
    const view = await render(token, record.version, actor.getSnapshot(), id, {});
    actor.stop();
    return view;
  }

  async function sendInRequest(token: string, version: number, move: FlowMove, pow: string | undefined): Promise<FlowView> {
    const record = await load(token);
    if (record.version !== version) throw flowErrors.conflict();
    const request = inRequest();
    request.flowId = record.id;
    const { actor, failed } = restore(record);
    try {
      const before = actor.getSnapshot();
      const step = stepOf(before.value);
      // VALIDER costs the proof of work before the answer is even looked at: a script pays for every guess.
      if (step === "captcha" && move.type === "NEXT") await deps.proofOfWork?.require(pow);
      const prepared = await toEvent(move, step, deps, record.id);
      if ("errors" in prepared) {
        return await render(token, record.version, before, record.id, prepared.errors, prepared.typed);
      }
      actor.send(prepared.event);
      const after = await waitFor(actor, (s) => s.status !== "active" || !s.hasTag("busy"), { timeout: 20_000 });
      if (failed() !== undefined || after.status === "error") throw flowErrors.broken(failed());
      const next = persisted(actor);
      const typed = "typed" in prepared ? prepared.typed : undefined;
      const errors = after.context.errors;
      if (next === record.snapshot) {
        // Refused: the stored flow stays exactly as it was.
        return await render(token, record.version, after, record.id, Object.keys(errors).length ? errors : refusal(move), typed, request.captchaNext);
      }
      const nextStep = stepOf(after.value);
      if (nextStep === "cancelled") {
        await store.delete(record.id);
        deps.onMoved?.(record.id, record.version + 1);
        return await render(token, record.version + 1, after, record.id, {});
      }
      const now = deps.now();
      const ok = await store.compareAndSet(record.id, record.version, {
        snapshot: next,
        machineVersion: registrationMachineVersion,
        step: nextStep,
        status: nextStep === "done" ? "done" : "active",
        expiresAt: new Date(now.getTime() + ttlMs),
      }, now);
      if (!ok) throw flowErrors.conflict();
      deps.onMoved?.(record.id, record.version + 1);
      return await render(token, record.version + 1, after, record.id, errors, Object.keys(errors).length ? typed : undefined, request.captchaNext);
    } finally {
      actor.stop();
    }
  }
}
export type FlowRuntime = ReturnType<typeof createFlowRuntime>;

/** A move the machine ignored without saying why (e.g. NEXT on a step that takes none). */
const refusal = (move: FlowMove): FieldErrors => (move.type === "NEXT" ? { _form: fr.errors.wrongStep } : {});

type Prepared =
  | { event: RegistrationEvent; typed?: Record<string, unknown> }
  | { errors: FieldErrors; typed?: Record<string, unknown> };

/** Turns a UI's move into a machine event: validated with the step's schema, the password hashed. */
async function toEvent(move: FlowMove, step: string, deps: FlowRuntimeDeps, flowId: string): Promise<Prepared> {
  const today = frenchDay(deps.now());
  switch (move.type) {
    case "START":
      return { event: { type: "START" } };
    case "CANCEL":
      return { event: { type: "CANCEL" } };
    case "EDIT":
      return { event: { type: "EDIT", step: move.step } };
    case "BACK":
      return { event: { type: "BACK", ...(move.values ? { draft: move.values } : {}) } };
    case "NEXT": {
      const values = (move.values ?? {}) as Record<string, unknown>;
      // Each typed key costs a look-up: no more of them than the tenant has services.
      if (step === "services" && typeof values.keys === "object" && values.keys !== null && Object.keys(values.keys).length > deps.tenant.services.length) {
        throw new TRPCError({ code: "BAD_REQUEST", message: fr.errors.tooManyKeys });
      }
      const checked = checkStep(step, values, today, deps);
      if (!checked) return { errors: { _form: fr.errors.wrongStep } };
      const result = await checked;
      if (!result.ok) return { errors: result.errors, typed: step === "credentials" ? { username: values.username } : values };
      if (step === "identity" && deps.identityProblems) {
        const problems = await deps.identityProblems(flowId, result.value as Identity);
        if (Object.keys(problems).length) return { errors: problems, typed: values };
      }
      return { event: { type: "SUBMIT", step, values: result.value, today } as RegistrationEvent, typed: values };
    }
  }
}

function checkStep(step: string, values: Record<string, unknown>, today: string, deps: FlowRuntimeDeps) {
  // NFC: "É" typed as E + a combining accent is stored, shown and compared as the one letter it is.
  const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v.normalize("NFC").trim() : v]));
  const nonEmpty = Object.fromEntries(Object.entries(trimmed).filter(([, v]) => v !== ""));
  switch (step) {
    case "terms":
      return Promise.resolve(validate(Terms, values));
    case "identity":
      return Promise.resolve(validate(identitySchema(today), resolveBirthCommune(nonEmpty)));
    case "address":
      return Promise.resolve(validate(Address, trimmed));
    case "contacts":
      return Promise.resolve(validate(Contacts, nonEmpty));
    case "credentials":
      return (async () => {
        // Only text is a username or a password: `String(x)` of an object can throw (its toString need not be a function).
        const text = (v: unknown) => (typeof v === "string" ? v : "");
        const typed = { username: text(values.username).normalize("NFC").trim(), password: text(values.password), confirmation: text(values.confirmation) };
        const result = validate(credentialsSchema(deps.tenant.passwordPolicy, deps.isCommonPassword), typed);
        if (!result.ok) return result;
        return { ok: true as const, value: { username: typed.username, passwordHash: await deps.hashPassword(typed.password) } };
      })();
    case "services":
      return Promise.resolve(validate(ServiceKeys, { keys: values.keys ?? {} }));
    case "review":
      return Promise.resolve({ ok: true as const, value: {} });
    case "captcha":
      // Switched off (tests and demos): VALIDER goes on with nothing to answer.
      if (deps.captcha.disabled) return Promise.resolve(validate(CaptchaAnswer, { challengeId: "off", text: "off" }));
      return Promise.resolve(validate(CaptchaAnswer, values)).then((r) =>
        r.ok ? r : { ok: false as const, errors: { answer: Object.values(r.errors)[0] ?? fr.captcha.answerRequired } },
      );
    default:
      return undefined;
  }
}

async function matchServices(dir: ServiceDirectory, tenant: Tenant, identity: Identity | undefined, current: Record<string, ServiceKey>) {
  const keys: Record<string, ServiceKey> = { ...current };
  if (!identity) return keys;
  for (const service of tenant.services) {
    if (keys[service.id]) continue;
    const key = await dir.match(service.id, identity);
    if (key) keys[service.id] = { key, auto: true };
  }
  return keys;
}

async function checkServiceKeys(
  dir: ServiceDirectory,
  identity: Identity | undefined,
  typed: Record<string, string>,
  current: Record<string, ServiceKey>,
  tryKey?: () => Promise<{ retryAfterSeconds: number } | undefined>,
) {
  const keys: Record<string, ServiceKey> = {};
  const errors: FieldErrors = {};
  for (const [serviceId, raw] of Object.entries(typed)) {
    // Registries hold keys in capitals: a key typed "enf-…" is stored, shown and claimed as "ENF-…".
    const key = raw.trim().toUpperCase();
    if (!key) continue;
    const kept = current[serviceId]?.key === key;
    // A key already held is checked again (the identity may have changed since) but costs no try.
    const wait = kept ? undefined : await tryKey?.();
    if (wait) {
      errors[`keys.${serviceId}`] = accountMessages.tooMany(wait.retryAfterSeconds);
      continue;
    }
    const verdict = await dir.check(serviceId, key, identity);
    if (verdict === "ok") keys[serviceId] = kept ? current[serviceId]! : { key, auto: false };
    else errors[`keys.${serviceId}`] = verdict === "taken" ? fr.services.keyTaken : fr.services.keyWrong;
  }
  return { keys, errors };
}
