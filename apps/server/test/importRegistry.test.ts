import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDatabaseUrl, readSettings } from "../src/settings";
import { citizen } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, walkTo, type TestServer } from "./testServer";

const serverFolder = resolve(import.meta.dirname, "..");
const tsx = resolve(serverFolder, "../../node_modules/.bin/tsx");

/** The operator command as `npm run import:registry` runs it: from the server's folder, typed elsewhere. */
async function importRegistry(env: NodeJS.ProcessEnv, csv: string) {
  const file = join(mkdtempSync(join(tmpdir(), "guichet-registry-")), "registre.csv");
  writeFileSync(file, csv);
  const { DATABASE_URL: _ignored, INIT_CWD: _typed, ...inherited } = process.env;
  return promisify(execFile)(tsx, ["src/cli/importRegistry.ts", "enfance", file], { cwd: serverFolder, env: { ...inherited, ...env } });
}

describe("the default database", () => {
  it("is the same file for the server and the operator commands, from where the command was typed", () => {
    const typed = mkdtempSync(join(tmpdir(), "guichet-typed-"));
    expect(readSettings({ INIT_CWD: typed }).databaseUrl).toBe(join(typed, "data/guichet.sqlite"));
    expect(readDatabaseUrl({ INIT_CWD: typed })).toBe(readSettings({ INIT_CWD: typed }).databaseUrl);
  });
});

describe.each(testEngines)("a registry imported with the default settings, on %s", (engine) => {
  const typed = mkdtempSync(join(tmpdir(), "guichet-typed-"));
  let server: TestServer;
  beforeAll(async () => {
    // SQLite: no DATABASE_URL at all, the server started from the folder where `npm start` was typed.
    server = await startTestServer({ GUICHET_WORKER: "off", INIT_CWD: typed, ...(engine === "sqlite" ? { DATABASE_URL: "" } : {}) }, { engine });
  });
  afterAll(() => server.close());

  it("gives the imported citizen their key at sign-up", async () => {
    const env = engine === "sqlite" ? { INIT_CWD: typed } : { DATABASE_URL: server.guichet.settings.databaseUrl! };
    const { stdout } = await importRegistry(env, "cle;nom;prenoms;date_naissance;courriel\nENF-IMP-0001;MARTIN;Claire;03/03/1985;\n");
    expect(stdout).toContain("1 ligne(s) importée(s)");

    const who = citizen("import");
    const claire = { ...who, identity: { ...who.identity, civilite: "Madame", nomUsuel: "MARTIN", prenoms: "Claire", dateNaissance: "03/03/1985" } };
    const view = await walkTo(server.client, "services", claire);
    expect(view.services?.find((s) => s.id === "enfance")).toMatchObject({ key: "ENF-IMP-0001", auto: true });
  });
});
