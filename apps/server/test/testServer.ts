import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@guichet/api";
import type { AbuseLimits, ServiceDirectory } from "@guichet/api";
import type { FlowMove, FlowView } from "@guichet/schema";
import { createGuichet, type Guichet } from "../src/guichet";
import { createHttpServer } from "../src/httpServer";
import { readSettings } from "../src/settings";
import { dropPostgresDatabase, freshPostgresDatabase } from "./engines";

export interface TestServer {
  readonly url: string;
  readonly guichet: Guichet;
  readonly dir: string;
  readonly client: ReturnType<typeof createTRPCClient<AppRouter>>;
  close(): Promise<void>;
}

/** A real server on a free loopback port, with its own SQLite file, or its own PostgreSQL database. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: {
    now?: () => Date;
    serviceDirectory?: ServiceDirectory;
    engine?: "sqlite" | "postgresql";
    /** The proof of work off while the pictures stay on (tests of the pictures alone). */
    proofOfWorkOff?: boolean;
    /** Only for suites that need more than a town hall (or GUICHET_ADDRESS_LIMIT_FACTOR in env): the abuse suite keeps the production ones. */
    limits?: AbuseLimits;
    /** Where the request log's lines go (the log is off otherwise). */
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "guichet-test-"));
  const postgres = options.engine === "postgresql" ? await freshPostgresDatabase() : undefined;
  const settings = readSettings({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: join(dir, "guichet.sqlite"),
    MAIL_DIR: join(dir, "mail"),
    GUICHET_CAPTCHA: "off",
    // Tests speak for many clients through X-Forwarded-For, as a reverse proxy would.
    TRUST_PROXY: "1",
    GUICHET_LOG: "off",
    ...(postgres ? { DATABASE_URL: postgres } : {}),
    ...env,
  });
  const guichet = await createGuichet(settings, options);
  const app = await createHttpServer(guichet, options.logStream ? { logStream: options.logStream } : {});
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url: address,
    guichet,
    dir,
    client: createTRPCClient<AppRouter>({ links: [httpLink({ url: `${address}/trpc` })] }),
    async close() {
      await app.close();
      await guichet.close();
      if (postgres) await dropPostgresDatabase(postgres);
    },
  };
}

/** The seed's sample citizen, step by step. */
export const marcBoyet = {
  terms: { accepted: true },
  identity: {
    civilite: "Monsieur",
    nomUsuel: "BOYET",
    nomNaissance: "",
    prenoms: "Marc",
    dateNaissance: "01/05/1975",
    paysNaissance: "FR",
    departementNaissance: "95",
    communeNaissance: "95500",
  },
  address: { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" },
  contacts: { telephone: "04 68 76 69 40", courriel: "marc.boyet@example.fr", moyenPrefere: "courriel" },
  credentials: { username: "marc.boyet", password: "Pontoise1975", confirmation: "Pontoise1975" },
  services: { keys: {} },
};

/** A citizen as the sign-up asks for them, step by step. */
export type Citizen = typeof marcBoyet;

/** What each step of a whole sign-up is answered with, in step order (the security check is off in tests). */
export const signUpAnswers = (who: Citizen = marcBoyet): Array<[string, Record<string, unknown> | undefined]> => [
  ["terms", who.terms],
  ["identity", who.identity],
  ["address", who.address],
  ["contacts", who.contacts],
  ["credentials", who.credentials],
  ["services", who.services],
  ["review", undefined],
  ["captcha", { challengeId: "off", text: "off" }],
];

/** Any client that can start a flow and send it moves: the test server's own, or a device's. */
interface FlowClient {
  readonly flow: {
    readonly start: { mutate(): Promise<FlowView> };
    readonly send: { mutate(input: { token: string; version: number; move: FlowMove }): Promise<FlowView> };
  };
}

/** Starts a flow and answers its steps with the seed's citizen (or `who`) until `step`; a refused step fails the test. */
export async function walkTo(client: FlowClient, step: string, who: Citizen = marcBoyet): Promise<FlowView> {
  let view = await client.flow.start.mutate();
  for (const [name, values] of [["welcome", undefined] as const, ...signUpAnswers(who)]) {
    if (view.step === step) return view;
    const move: FlowMove = name === "welcome" ? { type: "START" } : { type: "NEXT", ...(values ? { values } : {}) };
    view = await client.flow.send.mutate({ token: view.token, version: view.version, move });
    if (Object.keys(view.errors).length) throw new Error(`errors at ${name}: ${JSON.stringify(view.errors)}`);
  }
  return view;
}
