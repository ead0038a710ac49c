import { resolveBirthCommune } from "../resolveBirthCommune";
import { fromPromise } from "xstate";
import { TRPCError } from "@trpc/server";
import { editableSteps, fr, stepRegistry, steps, type FieldErrors, type FlowView, type Identity } from "@guichet/schema";
import { registrationMachine, registrationMachineVersion, type CaptchaResult, type CertifiedIdentity, type ServiceKey } from "@guichet/machines";
import type { FlowDefinition } from "../flowDefinition";
import { servicesView, type ViewDeps } from "../flowView";
import { migrateSnapshot } from "../snapshotMigrations";
import { snapshotFits } from "../snapshotShape";
import type { ServiceDirectory } from "../serviceDirectory";
import type { Tenant } from "../tenant";
import { accountMessages } from "../account/messages";

/** The sign-up (docs/registration-flow.md): the first definition the runtime runs. */
export const registrationFlow: FlowDefinition = {
  kind: "registration",
  version: registrationMachineVersion,
  // Built once per process: providing it per request rebuilt the whole chart each time (a tenth of a step's cost).
  // What an actor needs of the request in hand (which flow, which client) is in the context's `request`.
  machine: (deps) =>
    registrationMachine.provide({
      actors: {
        checkUsername: fromPromise(async ({ input }) => ({ available: await deps.usernameAvailable(input.username) })),
        matchServices: fromPromise(async ({ input }) => matchServices(deps.services, deps.tenant, input.identity, input.current)),
        checkServiceKeys: fromPromise(async ({ input }) => {
          const tryKey = deps.serviceKeyTry;
          const flowId = input.request?.flowId ?? "";
          return checkServiceKeys(
            deps.services,
            input.identity,
            input.typed,
            input.current,
            tryKey ? () => tryKey(`flow:${flowId}`, input.request?.ip ?? "unknown") : undefined,
          );
        }),
        verifyCaptcha: fromPromise<CaptchaResult, { challengeId: string; cellKey?: string; text?: string; request?: { flowId: string; ip?: string } }>(
          async ({ input: { request, ...answer } }) => deps.captcha.verify(request?.flowId ?? "", answer, clientOf(request)),
        ),
        createAccount: fromPromise(async ({ input }) =>
          deps.createAccount(input.request?.flowId ?? "", input.answers, input.request?.ip, input.franceConnectSub),
        ),
      },
    }),
  transient: ["captchaNext"],
  migrate: migrateSnapshot,
  fits: snapshotFits,
  pages: steps,
  unnumbered: ["welcome", "done"],
  reviewed: editableSteps,
  titles: fr.steps,
  // Every state of the chart that has a registry entry takes values: a new step needs no line here.
  steps: Object.fromEntries(Object.keys(registrationMachine.root.states).flatMap((id) => (stepRegistry[id] ? [[id, stepRegistry[id]]] : []))),
  confirms: ["review"],
  finals: { done: "done", cancelled: "delete" },
  problems: async (step, value, scope, deps) => (step === "identity" && deps.identityProblems ? deps.identityProblems(scope.flowId, value as Identity) : {}),
  bounds: (step, values, deps) => {
    // Each typed key costs a look-up: no more of them than the tenant has services.
    if (step === "services" && typeof values.keys === "object" && values.keys !== null && Object.keys(values.keys).length > deps.tenant.services.length) {
      throw new TRPCError({ code: "BAD_REQUEST", message: fr.errors.tooManyKeys });
    }
  },
  complete: (step, values) => (step === "identity" ? resolveBirthCommune(values) : values),
  extras: (step, input, deps) => ({
    ...(step === "services" ? { services: servicesView(input, deps.tenant) } : step === "credentials" ? { passwordPolicy: deps.tenant.passwordPolicy } : {}),
    ...(step === "identity" || step === "review" ? certifiedView(input.context.franceConnect as CertifiedIdentity | undefined, deps) : {}),
  }),
};

/** IDENTITÉ and the review say FranceConnect certified the identity, and which fields it locked. */
function certifiedView(certified: CertifiedIdentity | undefined, { places }: ViewDeps): Pick<FlowView, "certified"> {
  if (!certified) return {};
  const sent = certified.birthplaceAsSent;
  const place = sent ? `${sent.nom ?? places.commune(sent.inseeCode) ?? sent.inseeCode} (${sent.inseeCode})` : undefined;
  const id = certified.identity;
  const named: Record<string, string | undefined> = {
    paysNaissance: id.paysNaissance && places.country(id.paysNaissance),
    departementNaissance: places.departement(id.departementNaissance),
    communeNaissance: places.commune(id.communeNaissance),
  };
  const labels = Object.fromEntries(Object.entries(id).map(([name, value]) => [name, named[name] ?? value]));
  return { certified: { by: "FranceConnect", fields: Object.keys(id), labels, ...(place ? { birthplaceAsSent: place } : {}) } };
}

const clientOf = (request: { ip?: string } | undefined) => (request ? { ...(request.ip ? { ip: request.ip } : {}) } : undefined);

/** The keys the services recognise for this identity, besides those held: the sign-up's, and "Modifier mon identité"'s. */
export async function matchServices(dir: ServiceDirectory, tenant: Tenant, identity: Identity | undefined, current: Record<string, ServiceKey>) {
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
