import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ccplm } from "@guichet/api";

const serverFolder = resolve(import.meta.dirname, "..");
const tsx = resolve(serverFolder, "../../node_modules/.bin/tsx");

/*
 * A tenant file without its own RGPD notice used to take CCPLM's, naming CCPLM as controller on another
 * collectivité's pages. The server now refuses to start, saying which file lacks which key.
 */
describe("a tenant file without its own data policy", () => {
  it("stops the server at start, in French, naming the file and the key, with no stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guichet-tenant-start-"));
    const tenant = join(dir, "montagne.json");
    const { dataPolicy: _left, ...withoutPolicy } = ccplm;
    writeFileSync(tenant, JSON.stringify({ ...withoutPolicy, id: "montagne", name: "Communauté de communes de la Montagne" }));
    const { DATABASE_URL: _db, ...inherited } = process.env;
    const started = await promisify(execFile)(tsx, ["src/main.ts"], {
      cwd: serverFolder,
      timeout: 60_000,
      env: { ...inherited, TENANT: tenant, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: join(dir, "db.sqlite"), MAIL_DIR: join(dir, "mail"), NODE_ENV: "test" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(started.code).toBe(2);
    expect(started.stderr).toContain(`Configuration refusée : le fichier de la collectivité (TENANT) « ${tenant} » ne donne pas « dataPolicy »`);
    expect(started.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
