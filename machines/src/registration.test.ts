import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor, type Snapshot, type SnapshotFrom, type StateValue } from "xstate";
import { getAdjacencyMap, getShortestPaths, getStateNodes, type AdjacencyValue, type StatePath } from "xstate/graph";
import { fr, type EditableStep, type Identity } from "@guichet/schema";
import {
  checkedSubmit,
  registrationMachine,
  type AccountResult,
  type Answers,
  type CaptchaResult,
  type CaptchaSubmission,
  type RegistrationEvent,
  type ServiceKey,
  type ServiceKeysResult,
  type UsernameCheck,
} from "./registration";

/*
 * Model-based tests. `xstate/graph` walks the pure `transition()` of the chart: invoked actors are
 * never started there, so their outcomes enter the model as the `xstate.done.actor.*` /
 * `xstate.error.actor.*` events they would send. Each generated edge is then driven on a real actor
 * whose actors are stubs settled by the path, and judged against the sign-up's rules (docs/registration-flow.md) written out
 * below — not against the chart itself.
 */

type Machine = typeof registrationMachine;
type Snap = SnapshotFrom<Machine>;
type Outcome = { type: string; actorId: string; output?: unknown; error?: unknown };
type ModelEvent = RegistrationEvent | Outcome;

// ---------------------------------------------------------------------------------------------
// Sample answers: the seed's Monsieur Marc BOYET.

const TODAY = "2026-11-26";
const IDENTITY = {
  civilite: "Monsieur",
  nomUsuel: "BOYET",
  prenoms: "Marc",
  dateNaissance: "01/05/1975",
  paysNaissance: "FR",
  departementNaissance: "95",
  communeNaissance: "95500",
} satisfies Identity;
const IDENTITY_NEW_DATE = { ...IDENTITY, dateNaissance: "05/01/1975" };
const ADDRESS = { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" };
const CONTACTS = { telephone: "04 68 76 69 40", courriel: "marc.boyet@example.fr", moyenPrefere: "courriel" };
const CREDENTIALS = {
  username: "marc.boyet",
  passwordHash: "$argon2id$v=19$m=65536,t=3,p=4$c2VsZ3VpY2hldA$8m7X0n0v3w2pJx9bQeQ0tA",
};
const CLEAR_PASSWORD = "Bram11150x";
const TYPED_KEYS = { keys: { sport: "SPORT-42" } };
const CAPTCHA: CaptchaSubmission = { challengeId: "ch-1", cellKey: "crayon" };
const ENFANCE_AUTO: ServiceKey = { key: "ENF-0042", auto: true };
const SPORT_TYPED: ServiceKey = { key: "SPORT-42", auto: false };
const CAPTCHA_REFUSAL = "Ce n'est pas la bonne image : un nouveau défi vous est proposé.";
const ACCOUNT_ID = "acc-0001";

// ---------------------------------------------------------------------------------------------
// The events of the model, each with a label (its name in the tests) and a kind (how the spec judges it).

type Kind = "start" | "cancel" | "back" | "edit" | "valid" | "invalid" | "wrong-step" | "outcome" | "certify" | "uncertified";
interface Meta {
  readonly label: string;
  readonly kind: Kind;
  readonly outcome?: string;
}
const meta = new WeakMap<object, Meta>();
const tag = <E extends object>(event: E, m: Meta): E => (meta.set(event, m), event);
const metaOf = (event: object): Meta => {
  const m = meta.get(event);
  if (!m) throw new Error(`unlabelled model event ${JSON.stringify(event)}`);
  return m;
};

const submit = (step: string, values: unknown, label: string, kind: "valid" | "invalid" | "wrong-step" = "valid") =>
  tag({ type: "SUBMIT", step, values, today: TODAY } as RegistrationEvent, { label: `SUBMIT of ${label}`, kind });
const back = (draft?: Record<string, unknown>) =>
  tag({ type: "BACK", ...(draft ? { draft } : {}) } as RegistrationEvent, {
    label: draft ? `BACK with a draft` : "BACK",
    kind: "back",
  });
const START = tag({ type: "START" } as RegistrationEvent, { label: "START", kind: "start" });
const CANCEL = tag({ type: "CANCEL" } as RegistrationEvent, { label: "CANCEL", kind: "cancel" });
const edit = (step: EditableStep) => tag({ type: "EDIT", step } as RegistrationEvent, { label: `EDIT ${step}`, kind: "edit" });
/** The host's event once FranceConnect gave Marc BOYET's identity (the same values as typed). */
const CERTIFIED = { sub: "fc-sub-marc", identity: IDENTITY as Record<string, string> };
const FRANCECONNECT = tag({ type: "FRANCECONNECT", certified: CERTIFIED } as RegistrationEvent, {
  label: "FRANCECONNECT with Marc BOYET's identity",
  kind: "certify",
});

/** The invoke of a busy state, as the chart names it. */
function invokeAt(stateId: string) {
  const invoke = registrationMachine.getStateNodeById(stateId).invoke[0];
  if (!invoke) throw new Error(`no invoke on ${stateId}`);
  return { id: invoke.id, src: String(invoke.src) };
}
const actorDone = (stateId: string, outcome: string, label: string, output: unknown): Outcome => {
  const { id, src } = invokeAt(stateId);
  return tag({ type: `xstate.done.actor.${id}`, actorId: id, output }, { label: `${src} ${label}`, kind: "outcome", outcome });
};
const actorFailed = (stateId: string): Outcome => {
  const { id, src } = invokeAt(stateId);
  return tag(
    { type: `xstate.error.actor.${id}`, actorId: id, error: new Error("service indisponible") },
    { label: `${src} throwing`, kind: "outcome", outcome: "failure" },
  );
};

const SERVICE_DRAFT = { keys: { sport: "SPO" } };
const CREDENTIALS_DRAFT = { username: "marc.b", password: CLEAR_PASSWORD, confirmation: CLEAR_PASSWORD };
const drafts: Record<string, Record<string, unknown>> = {
  terms: { accepted: true },
  identity: { nomUsuel: "BOY", prenoms: "Marc" },
  address: { numero: "15", voie: "RUE DE LA" },
  contacts: { courriel: "marc.boyet@" },
  credentials: CREDENTIALS_DRAFT,
  services: SERVICE_DRAFT,
};

const sameMatch = (a?: Partial<Identity>, b?: Partial<Identity>) =>
  (["nomUsuel", "nomNaissance", "prenoms", "dateNaissance"] as const).every((k) => (a?.[k] ?? "").trim().toLowerCase() === (b?.[k] ?? "").trim().toLowerCase());
const typedOnly = (keys: Record<string, ServiceKey> = {}) => Object.fromEntries(Object.entries(keys).filter(([, k]) => !k.auto));

/** What a citizen (or a service) can do in each state. */
function modelEvents(s: Snap): ModelEvent[] {
  if (s.status !== "active") return [];
  const answers = s.context.answers;
  const keys = answers.services?.keys ?? {};
  const certified = s.context.franceConnect !== undefined;
  if (s.matches("welcome")) return [START, FRANCECONNECT, CANCEL];
  if (s.matches("terms"))
    return [
      submit("terms", { accepted: true }, "the ticked CGU box"),
      submit("terms", { accepted: false }, "an unticked CGU box", "invalid"),
      submit("identity", IDENTITY, "the identity while on the CGU", "wrong-step"),
      back(drafts.terms),
      FRANCECONNECT,
      CANCEL,
    ];
  if (s.matches("identity")) {
    const changeable = !certified && answers.services !== undefined && sameMatch(answers.identity, IDENTITY);
    return [
      submit("identity", IDENTITY, "Marc BOYET's identity"),
      ...(changeable ? [submit("identity", IDENTITY_NEW_DATE, "Marc BOYET's identity with a corrected birth date")] : []),
      ...(certified
        ? [
            tag({ type: "SUBMIT", step: "identity", values: IDENTITY_NEW_DATE, today: TODAY } as RegistrationEvent, {
              label: "SUBMIT of another birth date than FranceConnect's",
              kind: "uncertified",
            }),
          ]
        : [FRANCECONNECT]),
      submit("identity", { ...IDENTITY, nomUsuel: "" }, "an identity without nom usuel", "invalid"),
      submit("identity", { ...IDENTITY, dateNaissance: "01/05/2030" }, "a birth date in the future", "invalid"),
      submit("address", ADDRESS, "the address while on the identity", "wrong-step"),
      back(drafts.identity),
      CANCEL,
    ];
  }
  if (s.matches("address"))
    return [
      submit("address", ADDRESS, "Marc BOYET's address in Bram"),
      submit("address", { ...ADDRESS, voie: "" }, "an address without voie", "invalid"),
      submit("address", { ...ADDRESS, codePostal: "1115" }, "a four-digit postal code", "invalid"),
      submit("contacts", CONTACTS, "the contacts while on the address", "wrong-step"),
      back(drafts.address),
      CANCEL,
    ];
  if (s.matches("contacts"))
    return [
      submit("contacts", CONTACTS, "Marc BOYET's e-mail and telephone"),
      submit("contacts", { ...CONTACTS, courriel: "marc.boyet@example" }, "an e-mail without domain", "invalid"),
      submit("contacts", { ...CONTACTS, moyenPrefere: "mobile" }, "a preferred means that was not filled in", "invalid"),
      submit("credentials", CREDENTIALS, "the credentials while on the contacts", "wrong-step"),
      back(drafts.contacts),
      CANCEL,
    ];
  if (s.matches({ credentials: "editing" }))
    return [
      submit("credentials", CREDENTIALS, "a username and an argon2id hash"),
      submit("credentials", { username: CREDENTIALS.username, password: CLEAR_PASSWORD }, "a clear password instead of its hash", "invalid"),
      submit("credentials", { ...CREDENTIALS, username: "mb" }, "a two-letter username", "invalid"),
      submit("services", TYPED_KEYS, "service keys while on the credentials", "wrong-step"),
      back(drafts.credentials),
      CANCEL,
    ];
  if (s.matches({ credentials: "checking" }))
    return [
      actorDone("registration.credentials.checking", "available", "finding the username free", { available: true } satisfies UsernameCheck),
      actorDone("registration.credentials.checking", "taken", "finding the username taken", { available: false } satisfies UsernameCheck),
      actorFailed("registration.credentials.checking"),
    ];
  if (s.matches({ services: "matching" })) {
    // The childhood service knows Marc BOYET by his name and birth date, not by a corrected one.
    const found = sameMatch(answers.identity, IDENTITY);
    return [
      actorDone(
        "registration.services.matching",
        "found",
        found ? "filling in the Enfance key" : "finding no match",
        found ? { ...typedOnly(keys), enfance: ENFANCE_AUTO } : typedOnly(keys),
      ),
      actorFailed("registration.services.matching"),
    ];
  }
  if (s.matches({ services: "editing" }))
    return [
      submit("services", TYPED_KEYS, "a typed Sport key"),
      submit("services", { keys: { sport: "!?" } }, "a malformed key", "invalid"),
      submit("services", {}, "no keys at all", "invalid"),
      submit("review", undefined, "the review while on the services", "wrong-step"),
      back(drafts.services),
      CANCEL,
    ];
  if (s.matches({ services: "checking" }))
    return [
      actorDone("registration.services.checking", "accepted", "accepting the keys", {
        keys: { ...keys, sport: SPORT_TYPED },
        errors: {},
      } satisfies ServiceKeysResult),
      actorDone("registration.services.checking", "refused", "refusing the Sport key", {
        keys,
        errors: { "keys.sport": fr.services.keyWrong },
      } satisfies ServiceKeysResult),
      actorFailed("registration.services.checking"),
    ];
  if (s.matches("review"))
    return [
      submit("review", undefined, "the review"),
      submit("captcha", CAPTCHA, "a captcha answer while on the review", "wrong-step"),
      edit("identity"),
      edit("address"),
      edit("contacts"),
      edit("credentials"),
      edit("services"),
      back(),
      CANCEL,
    ];
  if (s.matches({ captcha: "answering" }))
    return [
      submit("captcha", CAPTCHA, "the pencil clicked"),
      submit("captcha", { challengeId: "ch-1" }, "no answer", "invalid"),
      submit("review", undefined, "the review while on the captcha", "wrong-step"),
      back(),
      CANCEL,
    ];
  if (s.matches({ captcha: "verifying" }))
    return [
      actorDone("registration.captcha.verifying", "passed", "accepting the answer", { ok: true } satisfies CaptchaResult),
      actorDone("registration.captcha.verifying", "refused", "refusing the answer", {
        ok: false,
        message: CAPTCHA_REFUSAL,
      } satisfies CaptchaResult),
      actorFailed("registration.captcha.verifying"),
    ];
  if (s.matches({ captcha: "creating" }))
    return [
      actorDone("registration.captcha.creating", "created", "creating the account", { ok: true, accountId: ACCOUNT_ID } satisfies AccountResult),
      actorDone("registration.captcha.creating", "taken", "finding the username taken meanwhile", {
        ok: false,
        reason: "usernameTaken",
      } satisfies AccountResult),
      actorFailed("registration.captcha.creating"),
    ];
  throw new Error(`no model events for ${JSON.stringify(s.value)}`);
}

/**
 * What tells two moments of a flow apart for the chart's guards: the step, who opened it, which steps
 * are answered, the name and birth date, and the service keys; plus whether an error shows, so that
 * every move is also tried right after an error. Drafts and error texts are left out: no guard reads
 * them, and keeping them would multiply the states without adding a transition.
 */
function abstractView(s: Snapshot<unknown>) {
  const snap = s as Snap;
  const answers = snap.context?.answers ?? {};
  return {
    value: snap.value,
    status: snap.status,
    editing: snap.context?.returnToReview ?? false,
    failed: Object.keys(snap.context?.errors ?? {}).length > 0,
    certified: snap.context?.franceConnect !== undefined,
    answered: Object.keys(answers).sort(),
    identity: answers.identity ? `${answers.identity.nomUsuel} ${answers.identity.dateNaissance ?? ""}` : null,
    keys: Object.entries(answers.services?.keys ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  };
}
const abstractKey = (s: Snap) => JSON.stringify(abstractView(s));

const traversal = {
  events: (s: Snap) => modelEvents(s) as RegistrationEvent[],
  serializeState: (s: Snap) => abstractKey(s),
  serializeEvent: (e: RegistrationEvent) => metaOf(e).label,
};
// The pure traversal never starts an actor, so the placeholders of the chart itself serve as stubs.
const adjacency = getAdjacencyMap(registrationMachine, traversal);
const shortest = new Map<string, StatePath<Snap, RegistrationEvent>>(getShortestPaths(registrationMachine, traversal).map((p) => [abstractKey(p.state), p]));

// ---------------------------------------------------------------------------------------------
// Which transition of the chart an event takes, for coverage and for grouping.

type TransitionDef = ReturnType<Machine["getTransitionData"]>[number];
const transitionNames = new Map<TransitionDef, string>();
for (const node of getStateNodes(registrationMachine)) {
  for (const [eventType, defs] of node.transitions) {
    defs.forEach((def, i) => {
      const to = def.target?.map((t) => t.id.replace(/^registration\./, "")).join(",") ?? "(self)";
      transitionNames.set(def, `${node.id.replace(/^registration\./, "")} —${eventType}[${i}]→ ${to}`);
    });
  }
}
const taken = (s: Snap, e: ModelEvent) => registrationMachine.getTransitionData(s, e as RegistrationEvent).map((t) => transitionNames.get(t) ?? "?");

const flat = (value: StateValue): string =>
  typeof value === "string"
    ? value
    : Object.entries(value)
        .map(([k, v]) => `${k}.${flat(v as StateValue)}`)
        .join(",");

// ---------------------------------------------------------------------------------------------
// A real actor with stub actors that wait until the path says how they answer.

interface Call {
  actor: string;
  input: unknown;
  settled: boolean;
  resolve(output: unknown): void;
  reject(error: unknown): void;
}

function openFlow(snapshot?: Snapshot<unknown>) {
  const calls: Call[] = [];
  const failures: unknown[] = [];
  const stub = <O, I>(actor: string) =>
    fromPromise<O, I>(
      ({ input }) => new Promise<O>((resolve, reject) => calls.push({ actor, input, settled: false, resolve: resolve as (o: unknown) => void, reject })),
    );
  const machine = registrationMachine.provide({
    actors: {
      checkUsername: stub<UsernameCheck, { username: string }>("checkUsername"),
      matchServices: stub("matchServices"),
      checkServiceKeys: stub("checkServiceKeys"),
      verifyCaptcha: stub("verifyCaptcha"),
      createAccount: stub("createAccount"),
    },
  });
  const actor = createActor(machine, snapshot ? { snapshot } : {});
  actor.subscribe({ error: (e) => failures.push(e) });
  actor.start();
  return { actor, calls, failures, machine };
}
type Flow = ReturnType<typeof openFlow>;

async function play(flow: Flow, event: ModelEvent) {
  if (metaOf(event).kind !== "outcome") {
    flow.actor.send(event as RegistrationEvent);
    return;
  }
  const open = flow.calls.filter((c) => !c.settled);
  const expected = event.type.replace(/^xstate\.(done|error)\.actor\./, "");
  const src = String(flow.machine.getStateNodeById(expected.replace(/^\d+\./, "")).invoke[0]?.src);
  expect(
    open.map((c) => c.actor),
    `the stub waited on before ${metaOf(event).label}`,
  ).toEqual([src]);
  const call = open[0]!;
  call.settled = true;
  const before = flow.actor.getSnapshot();
  if ("output" in event) call.resolve(event.output);
  else call.reject((event as Outcome).error);
  await waitFor(flow.actor, (s) => s !== before, { timeout: 1000 });
}

async function follow(flow: Flow, path: StatePath<Snap, RegistrationEvent>) {
  for (const step of path.steps.slice(1)) {
    await play(flow, step.event);
    expect(abstractView(flow.actor.getSnapshot()), `after ${metaOf(step.event).label}`).toEqual(abstractView(step.state));
  }
}

const persisted = (flow: Flow) => JSON.parse(JSON.stringify(flow.actor.getPersistedSnapshot())) as Snap;
const secretKeys = (o: unknown): string[] => JSON.stringify(o ?? {}).match(/"(password|confirmation)"/g) ?? [];

// ---------------------------------------------------------------------------------------------
// The sign-up's rules written out: where each move must lead and what it must keep or erase.

type Top = "welcome" | "terms" | "identity" | "address" | "contacts" | "credentials" | "services" | "review" | "captcha";
const previous: Record<Exclude<Top, "welcome">, Top> = {
  terms: "welcome",
  identity: "terms",
  address: "identity",
  contacts: "address",
  credentials: "contacts",
  services: "credentials",
  review: "services",
  captcha: "review",
};
const following: Partial<Record<Top, Top>> = { terms: "identity", identity: "address", address: "contacts", contacts: "credentials" };
const landing = (step: Top): StateValue =>
  step === "credentials" ? { credentials: "editing" } : step === "services" ? { services: "matching" } : step === "captcha" ? { captcha: "answering" } : step;
const topOf = (s: Snap) => (typeof s.value === "string" ? s.value : Object.keys(s.value)[0]!) as Top;
const isEditable = (step: Top) => ["identity", "address", "contacts", "credentials", "services"].includes(step);
const draftable = (step: Top) => ["terms", "identity", "address", "contacts", "credentials", "services"].includes(step);

interface Expectation {
  says: string;
  check(after: Snap, calls: Call[]): void;
}

function expectation(before: Snap, event: ModelEvent): Expectation {
  const m = metaOf(event);
  const ctx = before.context;
  const answers = ctx.answers;
  const editing = ctx.returnToReview;
  const step = topOf(before);
  const keepsAnswers = (after: Snap) => expect(after.context.answers).toEqual(answers);
  const onlyCalls = (calls: Call[], expected: Array<{ actor: string; input: unknown }>) =>
    expect(calls.map(({ actor, input }) => ({ actor, input }))).toEqual(expected);

  switch (m.kind) {
    case "start":
      return {
        says: "START opens the CGU",
        check: (after) => {
          expect(after.value).toBe("terms");
          expect(after.context).toEqual(ctx);
        },
      };
    case "cancel":
      return {
        says: "CANCEL ends the flow as cancelled and erases every answer",
        check: (after) => {
          expect(after.value).toBe("cancelled");
          expect(after.status).toBe("done");
          expect(after.context.answers).toEqual({});
          expect(after.context.drafts).toEqual({});
          expect(after.context.errors).toEqual({});
          expect(after.context.pending).toBeUndefined();
        },
      };
    case "invalid":
    case "wrong-step":
      return {
        says: `${m.label} stays on the step with the snapshot unchanged`,
        check: (after, calls) => {
          expect(after.value).toEqual(before.value);
          expect(JSON.parse(JSON.stringify(after.context))).toEqual(JSON.parse(JSON.stringify(ctx)));
          onlyCalls(calls, []);
        },
      };
    case "back": {
      const toReview = editing && isEditable(step);
      const target = toReview ? "review" : landing(previous[step as Exclude<Top, "welcome">]);
      const draft = (event as { draft?: Record<string, unknown> }).draft;
      const { password: _p, confirmation: _c, ...safeDraft } = draft ?? {};
      return {
        says: toReview
          ? "BACK returns to the review, keeping every answer and the draft"
          : `BACK goes to ${flat(target)} keeping every answer${draftable(step) ? ` and the draft of ${step}` : ""}`,
        check: (after) => {
          expect(after.value).toEqual(target);
          keepsAnswers(after);
          if (draftable(step) && draft) expect(after.context.drafts[step]).toEqual(safeDraft);
          else expect(after.context.drafts).toEqual(ctx.drafts);
          expect(secretKeys(after.context.drafts)).toEqual([]);
          expect(after.context.errors).toEqual({});
          expect(after.context.returnToReview).toBe(false);
        },
      };
    }
    case "edit": {
      const target = (event as { step: EditableStep }).step;
      return {
        says: `EDIT opens ${target} so that it comes back to the review`,
        check: (after, calls) => {
          expect(after.value).toEqual(landing(target));
          keepsAnswers(after);
          expect(after.context.returnToReview).toBe(true);
          expect(after.context.errors).toEqual({});
          if (target === "services")
            onlyCalls(calls, [{ actor: "matchServices", input: { identity: answers.identity, current: answers.services?.keys ?? {} } }]);
        },
      };
    }
    case "certify": {
      const target = step === "welcome" ? "terms" : before.value;
      return {
        says: `${m.label} fills IDENTITÉ's draft, locks it${step === "welcome" ? " and opens the CGU" : ""}`,
        check: (after, calls) => {
          expect(after.value).toEqual(target);
          keepsAnswers(after);
          expect(after.context.franceConnect).toEqual(CERTIFIED);
          expect(after.context.drafts.identity).toMatchObject(IDENTITY);
          expect(after.context.errors).toEqual({});
          onlyCalls(calls, []);
        },
      };
    }
    case "uncertified":
      return {
        says: `${m.label} is refused: the certified identity cannot be changed`,
        check: (after, calls) => {
          expect(after.value).toEqual(before.value);
          keepsAnswers(after);
          expect(after.context.drafts).toEqual(ctx.drafts);
          expect(after.context.errors).toEqual({ _form: fr.identity.certifiedChanged });
          onlyCalls(calls, []);
        },
      };
    case "valid":
      return validSubmission(before, event as Extract<RegistrationEvent, { type: "SUBMIT" }>, m.label);
    case "outcome":
      return actorOutcome(before, event as Outcome, m);
  }
}

function validSubmission(before: Snap, event: Extract<RegistrationEvent, { type: "SUBMIT" }>, label: string): Expectation {
  const ctx = before.context;
  const answers = ctx.answers;
  const onlyCalls = (calls: Call[], expected: Array<{ actor: string; input: unknown }>) =>
    expect(calls.map(({ actor, input }) => ({ actor, input }))).toEqual(expected);
  const step = event.step;
  if (step === "terms" || step === "identity" || step === "address" || step === "contacts") {
    const values = event.values as Record<string, unknown>;
    const changed = step === "identity" && answers.services !== undefined && !sameMatch(answers.identity, values as Identity);
    const target: StateValue = changed ? { services: "matching" } : ctx.returnToReview ? "review" : landing(following[step]!);
    const kept = typedOnly(answers.services?.keys);
    return {
      says: changed
        ? `${label} goes to the services again and drops the automatic keys, keeping the typed ones`
        : ctx.returnToReview
          ? `${label} saves it and returns to the review`
          : `${label} saves it and goes on to ${flat(target)}`,
      check: (after, calls) => {
        expect(after.value).toEqual(target);
        const { [step]: saved, services, ...others } = after.context.answers;
        const { [step]: _old, services: oldServices, ...oldOthers } = answers;
        expect(saved).toEqual(values);
        expect(others).toEqual(oldOthers);
        expect(services).toEqual(changed ? { keys: kept } : oldServices);
        expect(after.context.drafts[step]).toBeUndefined();
        expect(after.context.errors).toEqual({});
        if (target === "review") expect(after.context.returnToReview).toBe(false);
        onlyCalls(calls, changed ? [{ actor: "matchServices", input: { identity: values, current: kept } }] : []);
      },
    };
  }
  const busy = (value: StateValue, says: string, expected: Array<{ actor: string; input: unknown }>): Expectation => ({
    says: `${label} ${says}`,
    check: (after, calls) => {
      expect(after.value).toEqual(value);
      expect(after.hasTag("busy")).toBe(true);
      expect(after.context.answers).toEqual(answers);
      expect(after.context.errors).toEqual({});
      onlyCalls(calls, expected);
    },
  });
  switch (step) {
    case "credentials":
      return busy({ credentials: "checking" }, "asks whether the username is free", [{ actor: "checkUsername", input: { username: CREDENTIALS.username } }]);
    case "services":
      return busy({ services: "checking" }, "has the keys checked by the services", [
        {
          actor: "checkServiceKeys",
          input: { identity: answers.identity, typed: TYPED_KEYS.keys, current: answers.services?.keys ?? {} },
        },
      ]);
    case "captcha":
      return busy({ captcha: "verifying" }, "has the answer verified", [{ actor: "verifyCaptcha", input: CAPTCHA }]);
    case "review":
      return {
        says: `${label} opens the security check`,
        check: (after, calls) => {
          expect(after.value).toEqual({ captcha: "answering" });
          expect(after.context.answers).toEqual(answers);
          onlyCalls(calls, []);
        },
      };
  }
  throw new Error(`no rule for a valid SUBMIT of ${step}`);
}

function actorOutcome(before: Snap, event: Outcome, m: Meta): Expectation {
  const ctx = before.context;
  const answers = ctx.answers;
  const editing = ctx.returnToReview;
  const output = event.output as never;
  const onlyCalls = (calls: Call[], expected: Array<{ actor: string; input: unknown }>) =>
    expect(calls.map(({ actor, input }) => ({ actor, input }))).toEqual(expected);
  /** Stays on a step, answers untouched, with the given errors. */
  const stays = (value: StateValue, says: string, errors: Record<string, string>): Expectation => ({
    says: `${m.label} ${says}`,
    check: (after, calls) => {
      expect(after.value).toEqual(value);
      expect(after.status).toBe("active");
      expect(after.context.answers).toEqual(answers);
      expect(after.context.errors).toEqual(errors);
      onlyCalls(calls, []);
    },
  });
  const internal = { _form: fr.errors.internal };
  const node = event.type.replace(/^xstate\.(done|error)\.actor\.\d+\.registration\./, "");

  switch (`${node}:${m.outcome}`) {
    case "credentials.checking:available":
      return {
        says: `${m.label} saves the credentials and ${editing ? "returns to the review" : "goes on to the services"}`,
        check: (after, calls) => {
          expect(after.value).toEqual(editing ? "review" : { services: "matching" });
          expect(after.context.answers).toEqual({ ...answers, credentials: CREDENTIALS });
          expect(after.context.drafts.credentials).toBeUndefined();
          expect(after.context.errors).toEqual({});
          expect(after.context.returnToReview).toBe(false);
          onlyCalls(calls, editing ? [] : [{ actor: "matchServices", input: { identity: answers.identity, current: answers.services?.keys ?? {} } }]);
        },
      };
    case "credentials.checking:taken":
      return stays({ credentials: "editing" }, "stays on the credentials with the French error", {
        username: fr.credentials.usernameTaken,
      });
    case "credentials.checking:failure":
      return stays({ credentials: "editing" }, "stays on the credentials with the French form error", internal);
    case "services.matching:found":
      return {
        says: `${m.label} shows the keys it found`,
        check: (after, calls) => {
          expect(after.value).toEqual({ services: "editing" });
          expect(after.context.answers).toEqual({ ...answers, services: { keys: output } });
          onlyCalls(calls, []);
        },
      };
    case "services.matching:failure":
      return stays({ services: "editing" }, "still lets the citizen type keys, with the French form error", internal);
    case "services.checking:accepted":
      return {
        says: `${m.label} saves them and ${editing ? "returns" : "goes on"} to the review`,
        check: (after, calls) => {
          expect(after.value).toBe("review");
          expect(after.context.answers).toEqual({ ...answers, services: { keys: (output as ServiceKeysResult).keys } });
          expect(after.context.drafts.services).toBeUndefined();
          expect(after.context.errors).toEqual({});
          expect(after.context.returnToReview).toBe(false);
          onlyCalls(calls, []);
        },
      };
    case "services.checking:refused":
      return stays({ services: "editing" }, "shows the error on that key", (output as ServiceKeysResult).errors);
    case "services.checking:failure":
      return stays({ services: "editing" }, "stays on the services with the French form error", internal);
    case "captcha.verifying:passed":
      return {
        says: `${m.label} creates the account from every answer, with no password`,
        check: (after, calls) => {
          expect(after.value).toEqual({ captcha: "creating" });
          onlyCalls(calls, [{ actor: "createAccount", input: { answers } }]);
          expect(secretKeys(calls[0]?.input)).toEqual([]);
        },
      };
    case "captcha.verifying:refused":
      return stays({ captcha: "answering" }, "keeps answering with its message", { answer: CAPTCHA_REFUSAL });
    case "captcha.verifying:failure":
      return stays({ captcha: "answering" }, "keeps answering with the French form error", internal);
    case "captcha.creating:created":
      return {
        says: `${m.label} ends done with the account id and keeps no answer`,
        check: (after) => {
          expect(after.value).toBe("done");
          expect(after.status).toBe("done");
          expect(after.context.accountId).toBe(ACCOUNT_ID);
          expect(after.context.answers).toEqual({});
          expect(after.context.drafts).toEqual({});
          expect(after.context.errors).toEqual({});
          expect(after.context.pending).toBeUndefined();
        },
      };
    case "captcha.creating:taken":
      return {
        says: `${m.label} goes back to the credentials with the French error, to return to the review`,
        check: (after) => {
          expect(after.value).toEqual({ credentials: "editing" });
          expect(after.context.answers).toEqual(answers);
          expect(after.context.errors).toEqual({ username: fr.credentials.usernameTaken });
          expect(after.context.returnToReview).toBe(true);
        },
      };
    case "captcha.creating:failure":
      return stays({ captcha: "answering" }, "keeps answering with the French form error", internal);
  }
  throw new Error(`no rule for ${node}:${m.outcome}`);
}

// ---------------------------------------------------------------------------------------------
// One test per (state, whether opened from the review, event, transition taken): the shortest path there.

interface EdgeCase {
  name: string;
  path: StatePath<Snap, RegistrationEvent>;
  source: Snap;
  event: ModelEvent;
  target: Snap;
  transitions: string[];
}
const edgeCases: EdgeCase[] = (() => {
  const chosen = new Map<string, EdgeCase>();
  for (const [key, vertex] of Object.entries(adjacency) as Array<[string, AdjacencyValue<Snap, RegistrationEvent>]>) {
    const path = shortest.get(key);
    if (!path) throw new Error(`no path to ${key}`);
    for (const { event, state: target } of Object.values(vertex.transitions)) {
      const source = vertex.state;
      const transitions = taken(source, event);
      const failed = Object.keys(source.context.errors).length > 0;
      const group = `${flat(source.value)}|${source.context.returnToReview}|${failed}|${metaOf(event).label}|${transitions.join()}`;
      const current = chosen.get(group);
      if (current && current.path.weight <= path.weight) continue;
      const where = `on ${flat(source.value)}${source.context.returnToReview ? " opened from the review" : ""}${failed ? " showing an error" : ""}`;
      chosen.set(group, { name: `${where}, ${expectation(source, event).says}`, path, source, event, target, transitions });
    }
  }
  return [...chosen.values()];
})();

// ---------------------------------------------------------------------------------------------

describe("registrationMachine, every transition driven on a real actor", () => {
  for (const { name, path, event } of edgeCases)
    it(name, async () => {
      const flow = openFlow();
      await follow(flow, path);
      const before = flow.actor.getSnapshot();
      const rule = expectation(before, event);
      const calls = flow.calls.length;
      await play(flow, event);
      const after = flow.actor.getSnapshot();
      rule.check(after, flow.calls.slice(calls));
      expect(secretKeys(flow.actor.getPersistedSnapshot())).toEqual([]);
      expect(flow.failures).toEqual([]);
      flow.actor.stop();
    });
});

describe("coverage of the generated paths", () => {
  const visited = edgeCases.flatMap((c) => [...c.path.steps.map((s) => s.state), c.target]);

  it("reach every state of the chart, substates included", () => {
    const reached = new Set(visited.flatMap((s) => s._nodes.map((n) => n.id)));
    const missing = getStateNodes(registrationMachine)
      .map((n) => n.id)
      .filter((id) => !reached.has(id));
    expect(missing).toEqual([]);
  });

  it("take every transition of the chart", () => {
    const used = new Set<string>();
    for (const c of edgeCases) {
      c.path.steps.forEach((step, i) => {
        const from = c.path.steps[i - 1]?.state;
        if (from) taken(from, step.event).forEach((t) => used.add(t));
      });
      c.transitions.forEach((t) => used.add(t));
    }
    expect([...transitionNames.values()].filter((t) => !used.has(t))).toEqual([]);
  });

  it("send BACK and CANCEL from every step that offers them", () => {
    const from = (label: string) => new Set(edgeCases.filter((c) => metaOf(c.event).label.startsWith(label)).map((c) => topOf(c.source)));
    expect([...from("BACK")].sort()).toEqual(Object.keys(previous).sort());
    expect([...from("CANCEL")].sort()).toEqual([...Object.keys(previous), "welcome"].sort());
  });
});

// ---------------------------------------------------------------------------------------------

/** The shortest generated path to a settled state that satisfies `where`, with the most answers. */
function pathTo(where: (s: Snap) => boolean) {
  const candidates = [...shortest.values()].filter((p) => p.state.status === "active" && !p.state.hasTag("busy") && where(p.state));
  candidates.sort((a, b) => Object.keys(b.state.context.answers).length - Object.keys(a.state.context.answers).length || a.weight - b.weight);
  const path = candidates[0];
  if (!path) throw new Error("no generated path fits");
  return path;
}

describe("persisted snapshots", () => {
  const settledValues = [
    ...new Map(
      [...shortest.values()].filter((p) => p.state.status === "active" && !p.state.hasTag("busy")).map((p) => [flat(p.state.value), p.state.value] as const),
    ).entries(),
  ];

  for (const [name, value] of settledValues)
    it(`a snapshot persisted on ${name} resumes on ${name} with every answer and goes on like the original`, async () => {
      const original = openFlow();
      await follow(
        original,
        pathTo((s) => JSON.stringify(s.value) === JSON.stringify(value)),
      );
      const stored = persisted(original);

      const restored = openFlow(stored);
      expect(restored.actor.getSnapshot().status).toBe("active");
      expect(restored.actor.getSnapshot().value).toEqual(original.actor.getSnapshot().value);
      expect(restored.actor.getSnapshot().context).toEqual(original.actor.getSnapshot().context);

      const next = modelEvents(original.actor.getSnapshot())[0]!;
      const callsBefore = original.calls.length;
      await play(original, next);
      await play(restored, next);
      expect(abstractView(restored.actor.getSnapshot())).toEqual(abstractView(original.actor.getSnapshot()));
      const asked = (calls: Call[]) => calls.map(({ actor, input }) => ({ actor, input }));
      expect(asked(restored.calls)).toEqual(asked(original.calls.slice(callsBefore)));
      expect(restored.failures).toEqual([]);
      original.actor.stop();
      restored.actor.stop();
    });

  it("a snapshot persisted with drafts of earlier steps gives them back after restoring", async () => {
    const original = openFlow();
    await follow(
      original,
      pathTo((s) => s.matches("contacts")),
    );
    original.actor.send({ type: "BACK", draft: { courriel: "marc.boyet@" } });
    original.actor.send({ type: "BACK", draft: { voie: "RUE DE LA" } });
    const restored = openFlow(persisted(original));
    expect(restored.actor.getSnapshot().value).toBe("identity");
    expect(restored.actor.getSnapshot().context.drafts).toMatchObject({
      contacts: { courriel: "marc.boyet@" },
      address: { voie: "RUE DE LA" },
    });
    expect(restored.actor.getSnapshot().context).toEqual(original.actor.getSnapshot().context);
  });

  it.each([
    { name: "a removed step", value: "etapeSupprimee" },
    { name: "a removed substate", value: { services: "automatique" } },
  ])("a stored snapshot pointing at $name restores into status error, reported to the error subscriber, without crashing", async ({ value }) => {
    const original = openFlow();
    await follow(
      original,
      pathTo((s) => s.matches("address")),
    );
    const stored = { ...persisted(original), value } as unknown as Snapshot<unknown>;

    const errors: unknown[] = [];
    const machine = original.machine;
    const actor = createActor(machine, { snapshot: stored });
    expect(actor.getSnapshot().status).toBe("error");
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    // An unobserved error would be rethrown in a timer: give it the chance to, and Vitest would fail the run.
    await new Promise((r) => setTimeout(r, 20));
    expect(actor.getSnapshot().status).toBe("error");
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/does not exist/);
    original.actor.stop();
  });
});

// ---------------------------------------------------------------------------------------------

describe("registrationMachine, behaviours beyond single moves", () => {
  it("a host that waits for the end of every busy state walks Marc BOYET's sign-up to done", async () => {
    const answered: Answers[] = [];
    const machine = registrationMachine.provide({
      actors: {
        checkUsername: fromPromise(async (): Promise<UsernameCheck> => ({ available: true })),
        matchServices: fromPromise(async ({ input }) => ({ ...input.current, enfance: ENFANCE_AUTO })),
        checkServiceKeys: fromPromise(async ({ input }) => ({ keys: { ...input.current, sport: SPORT_TYPED }, errors: {} })),
        verifyCaptcha: fromPromise(async (): Promise<CaptchaResult> => ({ ok: true })),
        createAccount: fromPromise(async ({ input }): Promise<AccountResult> => {
          answered.push(input.answers);
          return { ok: true, accountId: ACCOUNT_ID };
        }),
      },
    });
    const actor = createActor(machine);
    const errors: unknown[] = [];
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    const move = async (event: RegistrationEvent) => {
      actor.send(event);
      return waitFor(actor, (s) => !s.hasTag("busy"), { timeout: 1000 });
    };
    await move({ type: "START" });
    await move({ type: "SUBMIT", step: "terms", values: { accepted: true }, today: TODAY });
    await move({ type: "SUBMIT", step: "identity", values: IDENTITY, today: TODAY });
    await move({ type: "SUBMIT", step: "address", values: ADDRESS, today: TODAY });
    await move({ type: "SUBMIT", step: "contacts", values: CONTACTS, today: TODAY });
    expect((await move({ type: "SUBMIT", step: "credentials", values: CREDENTIALS, today: TODAY })).value).toEqual({
      services: "editing",
    });
    expect((await move({ type: "SUBMIT", step: "services", values: TYPED_KEYS, today: TODAY })).value).toBe("review");
    // A "Modifier" left with PRÉCÉDENT leaves a draft behind, which the end must erase too.
    await move({ type: "EDIT", step: "address" });
    expect((await move({ type: "BACK", draft: { voie: "RUE DE LA GARE" } })).context.drafts).toEqual({
      address: { voie: "RUE DE LA GARE" },
    });
    await move({ type: "SUBMIT", step: "review", today: TODAY });
    const end = await move({ type: "SUBMIT", step: "captcha", values: CAPTCHA, today: TODAY });

    expect(end.status).toBe("done");
    expect(end.context.accountId).toBe(ACCOUNT_ID);
    // The final page says where the e-mail went, masked: the address itself is forgotten with the answers.
    expect(end.context.sentTo).toBe("m••••@example.fr");
    expect(JSON.stringify(end.context)).not.toContain("marc.boyet");
    expect(end.context.answers).toEqual({});
    expect(end.context.drafts).toEqual({});
    expect(answered).toEqual([
      {
        terms: { accepted: true },
        identity: IDENTITY,
        address: ADDRESS,
        contacts: CONTACTS,
        credentials: CREDENTIALS,
        services: { keys: { enfance: ENFANCE_AUTO, sport: SPORT_TYPED } },
      },
    ]);
    expect(errors).toEqual([]);
  });

  it("CANCEL erases the drafts left on earlier steps as well as the answers", async () => {
    const flow = openFlow();
    await follow(
      flow,
      pathTo((s) => s.matches("contacts")),
    );
    flow.actor.send({ type: "BACK", draft: { courriel: "marc.boyet@" } });
    flow.actor.send({ type: "BACK", draft: { voie: "RUE DE LA" } });
    expect(Object.keys(flow.actor.getSnapshot().context.drafts)).toEqual(expect.arrayContaining(["contacts", "address"]));
    flow.actor.send({ type: "CANCEL" });
    expect(flow.actor.getSnapshot().value).toBe("cancelled");
    expect(flow.actor.getSnapshot().context.drafts).toEqual({});
    expect(flow.actor.getSnapshot().context.answers).toEqual({});
  });

  it("a clear password sent beside its hash never reaches the snapshot", async () => {
    const flow = openFlow();
    await follow(
      flow,
      pathTo((s) => s.matches({ credentials: "editing" }) && !s.context.returnToReview),
    );
    flow.actor.send({
      type: "SUBMIT",
      step: "credentials",
      values: { ...CREDENTIALS, password: CLEAR_PASSWORD, confirmation: CLEAR_PASSWORD },
      today: TODAY,
    });
    expect(JSON.stringify(flow.actor.getPersistedSnapshot())).not.toContain(CLEAR_PASSWORD);
    await play(flow, modelEvents(flow.actor.getSnapshot())[0]!);
    expect(flow.actor.getSnapshot().context.answers.credentials).toEqual(CREDENTIALS);
    expect(JSON.stringify(flow.actor.getPersistedSnapshot())).not.toContain(CLEAR_PASSWORD);
  });

  it("a new birthplace alone keeps the automatic keys and returns to the review", async () => {
    const flow = openFlow();
    await follow(
      flow,
      pathTo((s) => s.matches("review") && s.context.answers.services?.keys.enfance?.auto === true),
    );
    const keys = flow.actor.getSnapshot().context.answers.services;
    flow.actor.send({ type: "EDIT", step: "identity" });
    flow.actor.send({
      type: "SUBMIT",
      step: "identity",
      values: { ...IDENTITY, departementNaissance: "11", communeNaissance: "11049" },
      today: TODAY,
    });
    expect(flow.actor.getSnapshot().value).toBe("review");
    expect(flow.actor.getSnapshot().context.answers.services).toEqual(keys);
    expect(flow.actor.getSnapshot().context.answers.identity?.communeNaissance).toBe("11049");
  });

  it("a birthplace abroad keeps the commune as typed and no département", async () => {
    const flow = openFlow();
    await follow(
      flow,
      pathTo((s) => s.matches("identity") && !s.context.answers.identity),
    );
    flow.actor.send({
      type: "SUBMIT",
      step: "identity",
      values: { ...IDENTITY, paysNaissance: "BE", departementNaissance: "95", communeNaissance: "Bruxelles" },
      today: TODAY,
    });
    expect(flow.actor.getSnapshot().value).toBe("address");
    expect(flow.actor.getSnapshot().context.answers.identity).not.toHaveProperty("departementNaissance");
    expect(flow.actor.getSnapshot().context.answers.identity?.communeNaissance).toBe("Bruxelles");
  });

  it("a birth date is judged against the today of the event, not a clock", async () => {
    const flow = openFlow();
    await follow(
      flow,
      pathTo((s) => s.matches("identity") && !s.context.answers.identity),
    );
    const values = { ...IDENTITY, dateNaissance: "26/11/2026" };
    flow.actor.send({ type: "SUBMIT", step: "identity", values, today: "2026-11-26" });
    expect(flow.actor.getSnapshot().value).toBe("identity");
    flow.actor.send({ type: "SUBMIT", step: "identity", values, today: "2026-11-27" });
    expect(flow.actor.getSnapshot().value).toBe("address");
  });
});

describe("a submission is checked once", () => {
  it("takes the verdict of a host that checked the values with the step's registry entry, and checks any other itself", () => {
    const actor = createActor(registrationMachine).start();
    actor.send({ type: "START" });
    actor.send({ type: "SUBMIT", step: "terms", values: { accepted: "oui" }, today: "2026-11-26" });
    expect(actor.getSnapshot().value).toBe("terms");
    actor.send(checkedSubmit({ type: "SUBMIT", step: "terms", values: { accepted: true }, today: "2026-11-26" }));
    expect(actor.getSnapshot().value).toBe("identity");
    expect(actor.getSnapshot().context.answers.terms).toEqual({ accepted: true });
    actor.stop();
  });
});
