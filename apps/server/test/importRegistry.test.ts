import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDatabaseUrl, readSettings } from "../src/settings";
import { citizen } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, walkTo, type TestServer } from "./testServer";

const serverFolder = resolve(import.meta.dirname, "..");
const repoRoot = resolve(serverFolder, "../..");
/** Built as `npm run build` builds it, into a folder of this run's own (another suite may be rebuilding dist/). */
const built = mkdtempSync(join(serverFolder, ".cli-test-"));
beforeAll(() => {
  if (!existsSync(join(repoRoot, "packages/mail/dist/precompiled.js"))) {
    execFileSync(process.execPath, ["--import", "tsx", "scripts/compileTemplates.ts"], { cwd: join(repoRoot, "packages/mail"), stdio: "inherit" });
  }
  execFileSync(process.execPath, ["scripts/build.mjs", join(built, "dist")], { cwd: serverFolder, stdio: "inherit" });
}, 120_000);
afterAll(() => rmSync(built, { recursive: true, force: true }));
const HEADER = "cle;nom;prenoms;date_naissance;courriel";

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The process's peak resident size (VmHWM), in bytes, as last read before it ended. */
  readonly peakResident: number;
  /** Its processor time (user + system), as last read before it ended: the machine may be loaded. */
  readonly cpuMs: number;
  readonly ms: number;
}

/**
 * The operator command as `npm run import:registry` runs it: the built JavaScript with the server's node
 * flags, from the server's folder, with INIT_CWD saying where it was typed. No-break spaces read as spaces.
 */
function importRegistry(env: NodeJS.ProcessEnv, file: string, watch?: (child: ReturnType<typeof spawn>, output: () => string) => void): Promise<Run> {
  const { DATABASE_URL: _ignored, INIT_CWD: _typed, ...inherited } = process.env;
  const started = performance.now();
  const flags = readFileSync(join(serverFolder, "node-flags"), "utf8").trim().split(/\s+/);
  const child = spawn(process.execPath, [...flags, join(built, "dist/importRegistry.js"), "enfance", file], {
    cwd: serverFolder,
    env: { MALLOC_ARENA_MAX: "2", ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let peakResident = 0;
  let cpuMs = 0;
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString().replace(/\u00a0/g, " ")));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString().replace(/\u00a0/g, " ")));
  const sampler = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
      if (hwm) peakResident = Math.max(peakResident, Number(hwm) * 1024);
      // Fields 14 and 15 of /proc/<pid>/stat, after the command's name in parentheses: ticks of 10 ms.
      const [utime, stime] = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ").slice(11, 13).map(Number);
      cpuMs = ((utime ?? 0) + (stime ?? 0)) * 10;
    } catch {
      // ended between two samples
    }
  }, 20);
  watch?.(child, () => stdout);
  return new Promise((done) =>
    child.once("close", (code, signal) => {
      clearInterval(sampler);
      done({ code, signal, stdout, stderr, peakResident, cpuMs, ms: Math.round(performance.now() - started) });
    }),
  );
}

/** A CSV file in a fresh folder; returns its absolute path. */
function csvFile(text: string | Buffer, name = "registre.csv"): string {
  const file = join(mkdtempSync(join(tmpdir(), "guichet-registry-")), name);
  writeFileSync(file, text);
  return file;
}

/** n valid rows whose keys start with `prefix`. */
const validRows = (prefix: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `${prefix}-${String(i).padStart(5, "0")};MARTIN-${i % 97 ? "DURAND" : "LEROY"};Anne Marie;03/03/1985;anne.${i}@example.fr`,
  );

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

  it("gives the imported citizen their key at sign-up, the file named relative to where the command was typed", async () => {
    const env = { INIT_CWD: typed, ...(engine === "sqlite" ? {} : { DATABASE_URL: server.guichet.settings.databaseUrl! }) };
    writeFileSync(join(typed, "registre.csv"), `${HEADER}\nENF-IMP-0001;MARTIN;Claire;03/03/1985;\n`);
    const run = await importRegistry(env, "registre.csv");
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("1 ligne(s) importée(s)");

    const who = citizen("import");
    const claire = { ...who, identity: { ...who.identity, civilite: "Madame", nomUsuel: "MARTIN", prenoms: "Claire", dateNaissance: "03/03/1985" } };
    const view = await walkTo(server.client, "services", claire);
    expect(view.services?.find((s) => s.id === "enfance")).toMatchObject({ key: "ENF-IMP-0001", auto: true });
  });
});

describe.each(testEngines)("the registry import, all or nothing and strict, on %s", (engine) => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
    env = { DATABASE_URL: server.guichet.settings.databaseUrl!, INIT_CWD: serverFolder };
  });
  afterAll(() => server.close());

  const count = async (prefix: string) =>
    Number((await server.guichet.db.execute<{ n: number | string }>("select count(*) as n from service_citizen where key like ?", [`${prefix}-%`]))[0]!.n);

  it("refuses the issue's rows, each by its line and column and never its values, and imports none of the file", async () => {
    const rows = [
      "BAD-0001;SECRETNOM;Secretprenom;03/03/1985;secret@example.fr", // 2: valid
      "BAD-0002;SECRETNOM;Secretprenom;31/02/2020;", // 3
      "BAD-0003;SECRETNOM;Secretprenom;99/99/9999;", // 4
      "BAD-0004;SECRETNOM;Secretprenom;0000-00-00;", // 5
      "BAD-0005;SECRETNOM;Secretprenom;01/01/2999;", // 6
      "BAD-0006;;Secretprenom;03/03/1985;", // 7
      "BAD-0007;SECRETNOM;Secretprenom;03/03/1985;not-an-email", // 8
      `BAD-0008;${"SECRETNOM".repeat(120_000)};Secretprenom;03/03/1985;`, // 9: a 1 MB name
      'BAD-0009;"Dupont;Durand";Secretprenom;03/03/1985;', // 10
      "BAD-0010;SECRETNOM;Secretprenom;1985-03-03;", // 11: valid, ISO date
    ];
    const run = await importRegistry(env, csvFile(`${HEADER}\n${rows.join("\n")}\n`));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Rien n’a été importé : 8 ligne(s) à corriger");
    const expected: Array<[number, RegExp]> = [
      [3, /date_naissance : cette date n’existe pas/],
      [4, /date_naissance : cette date n’existe pas/],
      [5, /date_naissance : cette date n’existe pas/],
      [6, /date_naissance : la date de naissance doit être dans le passé/],
      [7, /nom : obligatoire/],
      [8, /courriel : adresse électronique invalide/],
      [9, /nom : plus de 100 caractères/],
      // The quoted field is one field: refused for its « ; », not for a date the split made up.
      [10, /nom : seules les lettres, les espaces, les apostrophes et les traits d’union/],
    ];
    for (const [line, reason] of expected) expect(run.stdout).toMatch(new RegExp(`ligne ${line} : ${reason.source}`));
    expect(run.stdout).not.toMatch(/ligne (2|11) :/);
    expect(run.stdout + run.stderr).not.toMatch(/secret|dupont|durand|not-an-email|2999/i);
    expect(await count("BAD")).toBe(0);
  });

  it("reads quotes, a byte order mark and CRLF as spreadsheets write them", async () => {
    const file = csvFile(
      `\uFEFF${HEADER}\r\n"QUO-0001";"MARTIN-LEROY";"Anne ""Nanou"" Marie";"03/03/1985";""\r\nQUO-0002;"D’ARTAGNAN";Charles;1611-01-01;\r\n`,
    );
    const run = await importRegistry(env, file);
    expect(run.code).toBe(1);
    // Line 2's quoted « "" » is read as a quote inside the field, and refused as a character of a name.
    expect(run.stdout).toMatch(/ligne 2 : prenoms : seules les lettres/);
    expect(run.stdout).toMatch(/ligne 3 : date_naissance : la date de naissance doit être postérieure au 01\/01\/1900/);
    const good = csvFile(`\uFEFF${HEADER}\r\n"QUO-0001";"MARTIN-LEROY";"Anne Marie";"03/03/1985";""\r\nQUO-0002;"D’ARTAGNAN";Charles;1961-01-01;\r\n`);
    const ok = await importRegistry(env, good);
    expect(ok.stdout).toContain("2 ligne(s) importée(s)");
    const rows = await server.guichet.db.execute<{ key: string; nom_key: string; prenoms_key: string; email: string | null }>(
      "select key, nom_key, prenoms_key, email from service_citizen where key like 'QUO-%' order by key",
    );
    expect(rows).toEqual([
      { key: "QUO-0001", nom_key: "martin leroy", prenoms_key: "anne marie", email: null },
      { key: "QUO-0002", nom_key: "d artagnan", prenoms_key: "charles", email: null },
    ]);
  });

  it("refuses keys that differ only by case, naming the first line, rather than counting two and keeping one", async () => {
    const run = await importRegistry(env, csvFile(`${HEADER}\nRTDUP-0001;MARTIN;Anne;03/03/1985;\nrtdup-0001;LEROY;Paul;04/04/1984;\n`));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ligne 3 : cle : en double, déjà ligne 2/);
    expect(await count("RTDUP")).toBe(0);
  });

  it("refuses an incomplete tenant file in one French line, never a stack trace, and imports nothing", async () => {
    const tenantFile = csvFile(JSON.stringify({ id: "autre", name: "Autre collectivité" }), "tenant.json");
    const run = await importRegistry({ ...env, TENANT: tenantFile }, csvFile(`${HEADER}\nTEN-0001;MARTIN;Anne;03/03/1985;\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Configuration refusée : le fichier de la collectivité \(TENANT\) .* ne donne pas « shortName »/);
    expect(run.stderr).not.toMatch(/\bat \S+:\d+/);
    expect(await count("TEN")).toBe(0);
  });

  it("refuses a 50 MB name before reading the file", async () => {
    const run = await importRegistry(env, csvFile(`${HEADER}\nBIG-0001;${"N".repeat(50 * 1024 * 1024)};Anne;03/03/1985;\n`));
    console.log(`[${engine}] a 50 MB name: exit ${run.code} in ${run.ms} ms, peak resident ${Math.round(run.peakResident / 1e6)} MB`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/le fichier dépasse 20 Mo.*Rien n’a été importé/);
    expect(await count("BIG")).toBe(0);
  });

  it("refuses a NUL byte on line 7 by its line number, with no SQL and no personal data, and keeps none of the other rows", async () => {
    const lines = validRows("NUL", 11);
    lines[5] = "NUL-00005;SEC\u0000RETNOM;Anne;03/03/1985;";
    const run = await importRegistry(env, csvFile(`${HEADER}\n${lines.join("\n")}\n`));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ligne 7 : nom : caractère de contrôle ou invisible/);
    expect(run.stdout + run.stderr).not.toMatch(/insert|select|secret|martin/i);
    expect(await count("NUL")).toBe(0);
  });

  it("imports 10,000 rows in one go under 10 s and 150 MB, then merges a re-import by key, keeping rows absent from it", async () => {
    const file = csvFile(`${HEADER}\n${validRows("TENK", 10_000).join("\n")}\n`);
    const run = await importRegistry(env, file);
    console.log(
      `[${engine}] 10,000 rows: exit ${run.code} in ${run.ms} ms (processor ${run.cpuMs} ms), peak resident ${Math.round(run.peakResident / 1e6)} MB`,
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("10000 ligne(s) importée(s) pour le service enfance : 10000 ajoutée(s), 0 mise(s) à jour");
    expect(run.stdout).toContain("Import par fusion");
    expect(await count("TENK")).toBe(10_000);
    // The processor time: on a loaded machine the wall clock says more about the neighbours.
    expect(run.cpuMs).toBeGreaterThan(0);
    expect(run.cpuMs).toBeLessThan(10_000);
    expect(run.peakResident).toBeGreaterThan(0);
    expect(run.peakResident).toBeLessThan(150e6);

    const again = await importRegistry(env, csvFile(`${HEADER}\n${validRows("TENK", 10).join("\n")}\n`));
    expect(again.stdout).toContain("10 ligne(s) importée(s) pour le service enfance : 0 ajoutée(s), 10 mise(s) à jour");
    expect(await count("TENK")).toBe(10_000);
  }, 60_000);

  it("keeps no row or all of them when the import is killed with SIGKILL mid-way", async () => {
    const file = csvFile(`${HEADER}\n${validRows("KILL", 10_000).join("\n")}\n`);
    let seen = -1;
    const run = await importRegistry(env, file, (child, output) => {
      // Killed as soon as a row shows in the database, or 50 ms into the announced write, whichever first.
      const poll = setInterval(() => {
        void count("KILL").then((n) => {
          seen = n;
          if (seen > 0 || /écriture en une seule transaction/.test(output())) {
            clearInterval(poll);
            setTimeout(() => child.kill("SIGKILL"), seen > 0 ? 0 : 50);
          }
        });
      }, 10);
      child.once("close", () => clearInterval(poll));
    });
    const kept = await count("KILL");
    console.log(`[${engine}] killed import: signal ${run.signal}, ${kept} of 10,000 rows kept`);
    expect(run.signal).toBe("SIGKILL");
    expect([0, 10_000]).toContain(kept);
    // The next run finds the database whole and imports the file.
    const rerun = await importRegistry(env, file);
    expect(rerun.stdout).toContain("10000 ligne(s) importée(s)");
    expect(await count("KILL")).toBe(10_000);
  }, 60_000);
});
