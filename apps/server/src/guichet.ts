import {
  abuseGuard,
  sessionStore,
  accountCreation,
  accountErasure,
  createDeleteAccountFlow,
  personalData,
  captchaLimits,
  captchaPort,
  captchEtat,
  createAccountService,
  contactsChange,
  createChangeContactsFlow,
  createThrottle,
  createFlowRuntime,
  createFranceConnect,
  loadFranceConnectReferences,
  demarcheCompletion,
  createChangeEmailFlow,
  createChangeIdentityFlow,
  createChangePasswordFlow,
  emailChange,
  identityChange,
  mySpaceDemarches,
  passwordChange,
  registrationFlow,
  createMailBudget,
  createPlaces,
  createProofOfWork,
  createResumeService,
  defaultAbuseLimits,
  databaseCaptchaStore,
  databaseServiceDirectory,
  hashPassword,
  identityProblems,
  importServiceRegistry,
  inProcessFlowEvents,
  isCommonPassword,
  liveHub,
  loadTenant,
  ownCaptcha,
  passwordStrengthPool,
  placeNames,
  postgresFlowEvents,
  verifyPassword,
  watchTickets,
  withAddressFactor,
  type AbuseLimits,
  type FlowEvents,
  type PersonalData,
  type GuichetServices,
  type ServiceDirectory,
} from "@guichet/api";
import { accountRepository, flowStore, openDatabase, serviceCitizenRepository, type Database } from "@guichet/db";
import { createMailRenderer, createOutboxWorker, transportFromEnv, type OutboxWorker } from "@guichet/mail";
import { precompiledTemplates } from "@guichet/mail/precompiled";
import { readFile } from "node:fs/promises";
import type { Tenant } from "@guichet/api";
import { databaseOutboxStore } from "./outboxStore";
import { withDevMailLog } from "./devMailLog";
import type { FlowInspector } from "./inspector";
import type { Metrics } from "./metrics";
import { startPurger, type Purger } from "./purge";
import type { Settings } from "./settings";

export interface Guichet {
  readonly settings: Settings;
  readonly db: Database;
  readonly services: GuichetServices;
  readonly outbox: OutboxWorker;
  /** Set with GUICHET_INSPECT=1: every flow actor reports to the XState inspector (/dev/inspect). */
  readonly inspector?: FlowInspector;
  /** Set with METRICS_PORT: Prometheus metrics, served by main.ts on that port. */
  readonly metrics?: Metrics;
  /** "Mes données": everything held about the logged-in citizen (routes /api/account/mes-donnees.*). */
  readonly personalData: PersonalData;
  close(): Promise<void>;
}

/** Builds one process's services from its settings: database, reference data, flow runtime, mail. */
export async function createGuichet(
  settings: Settings,
  // `proofOfWorkOff`: for tests of the pictures alone, from code only (no setting reaches it); GUICHET_CAPTCHA=off implies it.
  options: { now?: () => Date; serviceDirectory?: ServiceDirectory; events?: FlowEvents; proofOfWorkOff?: boolean; limits?: AbuseLimits } = {},
): Promise<Guichet> {
  const now = options.now ?? (() => new Date());
  const limits = withAddressFactor(options.limits ?? defaultAbuseLimits, settings.addressLimitFactor);
  const tenant = loadTenant(settings.tenant);
  const db = await openDatabase(settings.databaseUrl);
  if (!settings.production) await loadDemoRegistries(db, tenant);
  const places = await createPlaces();

  // Built server: the templates precompiled by the build, neither MJML nor Handlebars' compiler loaded. From source: compiled now.
  const renderer = await createMailRenderer(precompiledTemplates ? { precompiled: precompiledTemplates } : {});
  // Loaded only when asked for: without METRICS_PORT nothing of prom-client is imported.
  const metrics = settings.metricsPort !== undefined ? (await import("./metrics")).createMetrics({ db, now }) : undefined;
  const mailTransport = transportFromEnv({ SMTP_URL: settings.smtpUrl, MAIL_DIR: settings.mailDir }, settings.dkim ? { dkim: settings.dkim } : {});
  const transport = settings.production || !settings.log ? mailTransport : withDevMailLog(mailTransport);
  const outbox = createOutboxWorker({
    store: metrics ? metrics.instrumentOutbox(databaseOutboxStore(db)) : databaseOutboxStore(db),
    renderer,
    transport,
    tenant: { name: tenant.name, phone: tenant.phone, email: tenant.email, primaryColor: tenant.primaryColor, publicUrl: settings.publicUrl },
    ...(settings.mailFrom ? { sender: settings.mailFrom } : {}),
    now,
  });

  const usernameAvailable = async (username: string) => !(await accountRepository(db).usernameTaken(username));

  // SQLite: one process, events stay in memory. PostgreSQL: every process hears every other through LISTEN/NOTIFY.
  const events = options.events ?? (db.engine === "postgresql" ? await postgresFlowEvents({ connectionString: settings.databaseUrl! }) : inProcessFlowEvents());
  const store = flowStore(db);
  const captchaStore = databaseCaptchaStore(db);
  const mailBudget = createMailBudget({ db, now, limits: settings.mailLimits, log: console.warn });
  const proofOfWork = createProofOfWork({ db, secret: settings.powSecret, disabled: settings.captchaDisabled || options.proofOfWorkOff === true, now });
  // Loaded only when asked for: without GUICHET_INSPECT=1 nothing of the inspector is imported.
  const inspector = settings.inspect ? await (await import("./inspector")).createFlowInspector({ publicUrl: settings.publicUrl, log: console.log }) : undefined;
  // The completion hook of every démarche: its change and its e-mail in one transaction.
  const completeDemarche = demarcheCompletion({ db, publicUrl: settings.publicUrl, now, onQueued: () => outbox.wake() });
  const account = createAccountService({
    db,
    tenant,
    places: placeNames(),
    publicUrl: settings.publicUrl,
    now,
    hashPassword,
    verifyPassword,
    isCommonPassword,
    mailBudget,
    onQueued: () => outbox.wake(),
    codeLimits: limits.activationCode,
  });
  const serviceDirectory = options.serviceDirectory ?? databaseServiceDirectory(db);
  const checkPassword = account.checkPassword;
  const contactsPorts = contactsChange({ db, publicUrl: settings.publicUrl, now, complete: completeDemarche, tenant, places: placeNames() });
  // "Supprimer mon espace": a wrong password counts as a failed login of the account.
  const erasure = accountErasure({
    db,
    store,
    throttle: createThrottle(db, now),
    verifyPassword,
    publicUrl: settings.publicUrl,
    now,
    onQueued: () => outbox.wake(),
  });
  const abuse = abuseGuard(db, now, limits);
  const sessions = sessionStore(db, now);
  const runtime = createFlowRuntime({
    store,
    tenant,
    places: placeNames(),
    services: serviceDirectory,
    captcha: captchaPort({
      provider: settings.captchEtat
        ? captchEtat(settings.captchEtat, { store: captchaStore, now: () => now().getTime() })
        : ownCaptcha({ store: captchaStore, now: () => now().getTime() }),
      limits: captchaLimits(db, now, { challengesPerAddressHour: settings.captchaChallengesPerAddressHour }),
      disabled: settings.captchaDisabled,
      db,
      now: () => now().getTime(),
      log: console.error,
    }),
    hashPassword,
    beforePasswordHash: (scope) => abuse.passwordHash(scope.flowId, scope.ip),
    sessionAccount: async (token) => (await sessions.find(token))?.accountId,
    isCommonPassword,
    usernameAvailable,
    serviceKeyTry: createThrottle(db, now).serviceKeyTry,
    identityProblems: identityProblems(db),
    createAccount: accountCreation({ db, publicUrl: settings.publicUrl, now, mailBudget, onQueued: () => outbox.wake() }),
    proofOfWork,
    now,
    onMoved: (flowId, version) => events.publish(flowId, { kind: "moved", version }),
    // Every flow this process runs: the sign-up, then the démarches of "Mon espace", each built from its ports.
    definitions: [
      registrationFlow,
      createChangeContactsFlow(contactsPorts),
      createChangePasswordFlow(passwordChange({ db, now, checkPassword, complete: completeDemarche })),
      createChangeEmailFlow(emailChange({ db, checkPassword, complete: completeDemarche, confirmNewEmail: contactsPorts.awaitConfirmation })),
      createChangeIdentityFlow(identityChange({ db, tenant, directory: serviceDirectory, complete: completeDemarche })),
      createDeleteAccountFlow(erasure),
    ],
    ...(inspector ? { inspect: inspector.inspect } : {}),
  });
  const labelled = inspector ? inspector.labelled(runtime) : runtime;
  const flows = metrics ? metrics.instrumentFlows(labelled) : labelled;
  const resume = createResumeService({
    db,
    store,
    flows,
    events,
    publicUrl: settings.publicUrl,
    now,
    mailBudget,
    onQueued: () => outbox.wake(),
    codeLimits: limits.resumeCode,
  });
  const demarches = mySpaceDemarches({ flows, store, tenant, events, now });
  const personal = personalData({ db, tenant, places: placeNames(), now, definitions: () => flows.definitions() });
  const passwordStrength = passwordStrengthPool({ threads: settings.strengthThreads });
  // The common-password set is built now, not during a citizen's request.
  isCommonPassword("");
  const live = { tickets: watchTickets(db, flows, now), hub: liveHub({ flows, events, limits: limits.liveViews }) };

  // openid-client loads with the first login; the reference data of the birth communes is read now, not by the first callback.
  const franceConnect = settings.franceConnect
    ? createFranceConnect({ settings: settings.franceConnect, db, now, log: (line) => console.warn(line) })
    : undefined;
  if (franceConnect) loadFranceConnectReferences();

  if (settings.worker) outbox.start();
  // Every process purges now and then; the deletes are idempotent and skip each other's rows.
  const purger: Purger | undefined = settings.worker ? startPurger(db, { now }) : undefined;

  return {
    settings,
    db,
    outbox,
    ...(inspector ? { inspector } : {}),
    ...(metrics ? { metrics } : {}),
    personalData: personal,
    services: {
      flows,
      demarches,
      places,
      tenant,
      captchaDisabled: settings.captchaDisabled,
      usernameAvailable,
      resume,
      events,
      account,
      proofOfWork,
      passwordStrength,
      abuse,
      live,
      ...(franceConnect ? { franceConnect } : {}),
    },
    async close() {
      await outbox.stop();
      await passwordStrength.close();
      inspector?.close();
      await metrics?.close();
      await purger?.stop();
      // An open SMTP pool would keep the mail server waiting on us after shutdown.
      transport.close?.();
      await events.close();
      await db.close();
    },
  };
}

/** Demo registries make the automatic Enfance key visible on a fresh install; never loaded in production. */
async function loadDemoRegistries(db: Database, tenant: Tenant) {
  for (const service of tenant.services) {
    if (!service.demoRegistry) continue;
    if (!(await serviceCitizenRepository(db).hasAny(service.id))) await importServiceRegistry(db, service.id, await readFile(service.demoRegistry, "utf8"));
  }
}
