import {
  accountCreation,
  captchaPort,
  createAccountService,
  createFlowRuntime,
  createPlaces,
  createResumeService,
  databaseCaptchaStore,
  databaseServiceDirectory,
  hashPassword,
  identityProblems,
  importServiceRegistry,
  inProcessFlowEvents,
  isCommonPassword,
  loadTenant,
  placeNames,
  verifyPassword,
  type FlowEvents,
  type GuichetServices,
  type ServiceDirectory,
} from "@guichet/api";
import { flowStore, openDatabase, type Database } from "@guichet/db";
import { createMailRenderer, createOutboxWorker, transportFromEnv, type OutboxWorker } from "@guichet/mail";
import { readFile } from "node:fs/promises";
import type { Tenant } from "@guichet/api";
import { databaseOutboxStore } from "./outboxStore";
import type { Settings } from "./settings";

export interface Guichet {
  readonly settings: Settings;
  readonly db: Database;
  readonly services: GuichetServices;
  readonly outbox: OutboxWorker;
  close(): Promise<void>;
}

/** Builds one process's services from its settings: database, reference data, flow runtime, mail. */
export async function createGuichet(settings: Settings, options: { now?: () => Date; serviceDirectory?: ServiceDirectory; events?: FlowEvents } = {}): Promise<Guichet> {
  const now = options.now ?? (() => new Date());
  const tenant = loadTenant(settings.tenant);
  const db = await openDatabase(settings.databaseUrl);
  if (!settings.production) await loadDemoRegistries(db, tenant);
  const places = await createPlaces({ ...(tenant.epci ? { epci: tenant.epci } : {}) });

  const renderer = await createMailRenderer();
  const transport = transportFromEnv({ SMTP_URL: settings.smtpUrl, MAIL_DIR: settings.mailDir });
  const outbox = createOutboxWorker({
    store: databaseOutboxStore(db),
    renderer,
    transport,
    tenant: { name: tenant.name, phone: tenant.phone, email: tenant.email, primaryColor: tenant.primaryColor, publicUrl: settings.publicUrl },
    now,
  });

  const usernameAvailable = async (username: string) =>
    (await db.execute("select 1 from account where username_key = ?", [username.toLowerCase()])).length === 0;

  // One process: events stay in memory. Several processes on PostgreSQL will share them through the database.
  const events = options.events ?? inProcessFlowEvents();
  const store = flowStore(db);
  const flows = createFlowRuntime({
    store,
    tenant,
    places: placeNames(),
    services: options.serviceDirectory ?? databaseServiceDirectory(db),
    captcha: captchaPort({ store: databaseCaptchaStore(db), disabled: settings.captchaDisabled, now: () => now().getTime() }),
    hashPassword,
    isCommonPassword,
    usernameAvailable,
    identityProblems: identityProblems(db),
    createAccount: accountCreation({ db, publicUrl: settings.publicUrl, now, onQueued: () => outbox.wake() }),
    now,
    onMoved: (flowId, version) => events.publish(flowId, { kind: "moved", version }),
  });
  const resume = createResumeService({ db, store, flows, events, publicUrl: settings.publicUrl, now, onQueued: () => outbox.wake() });

  const account = createAccountService({
    db, tenant, places: placeNames(), publicUrl: settings.publicUrl, now, hashPassword, verifyPassword, isCommonPassword, onQueued: () => outbox.wake(),
  });

  if (settings.worker) outbox.start();

  return {
    settings,
    db,
    outbox,
    services: { flows, places, tenant, captchaDisabled: settings.captchaDisabled, usernameAvailable, resume, events, account },
    async close() {
      await outbox.stop();
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
    const rows = await db.execute("select 1 from service_citizen where service_id = ? limit 1", [service.id]);
    if (rows.length === 0) await importServiceRegistry(db, service.id, await readFile(service.demoRegistry, "utf8"));
  }
}
