import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPostgresDatabase, freshPostgresDatabase, testEngines } from "./engines";

/*
 * The server as `npm start` runs it: plain JavaScript built into dist/, started with node, no
 * TypeScript loader and no MJML in the process.
 */
const serverDir = fileURLToPath(new URL("../", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const mainJs = join(serverDir, "dist/main.js");

beforeAll(() => {
  // What turbo's build runs, in order: the e-mail templates, then the server bundle.
  execFileSync(process.execPath, ["--import", "tsx", "scripts/compileTemplates.ts"], { cwd: join(repoRoot, "packages/mail"), stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: serverDir, stdio: "inherit" });
}, 120_000);

// Imports the built server as node would, then says which npm packages the process loaded.
const probe = `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
await import(${JSON.stringify(new URL(`file://${mainJs}`).href)});
const loaded = () => Object.keys(require.cache).filter((p) => p.includes("node_modules"));
console.log("LOADED " + JSON.stringify(loaded()));
// Asked again later, once the server has been at rest a while.
process.on("SIGUSR2", () => console.log("AT REST " + JSON.stringify(loaded())));
`;

interface Built {
  readonly child: ChildProcess;
  readonly url: string;
  readonly loaded: () => string[];
  /** The npm packages' files loaded by now, and the native libraries mapped into the process. */
  readonly atRest: () => Promise<{ loaded: string[]; maps: string }>;
}

function startBuilt(databaseUrl: string): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), "guichet-built-"));
  const child = spawn(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      MAIL_DIR: join(dir, "mail"),
      GUICHET_CAPTCHA: "off",
      GUICHET_LOG: "off",
      NODE_ENV: "test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  const loaded = () => JSON.parse(/LOADED (.*)/.exec(output)?.[1] ?? "[]") as string[];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the built server did not start within 90 s:\n${output}`)), 90_000);
    child.stdout!.on("data", () => {
      const port = /écoute sur http:\/\/\S*:(\d+)/.exec(output)?.[1];
      if (port && output.includes("LOADED ")) {
        clearTimeout(timer);
        const atRest = async () => {
          const before = output.length;
          child.kill("SIGUSR2");
          const deadline = Date.now() + 10_000;
          let line: RegExpExecArray | null = null;
          while (!(line = /AT REST (.*)\n/.exec(output.slice(before))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          if (!line) throw new Error(`the built server did not list its modules:\n${output}`);
          return { loaded: JSON.parse(line[1] ?? "[]") as string[], maps: readFileSync(`/proc/${child.pid}/maps`, "utf8") };
        };
        resolve({ child, url: `http://127.0.0.1:${port}`, loaded, atRest });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the built server exited (${code}) before listening:\n${output}`));
    });
  });
}

async function mutation<T>(url: string, path: string, input?: unknown): Promise<T> {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.result.data;
}

it("the bundle imports no TypeScript loader and no MJML at its top level", () => {
  const bundle = readFileSync(mainJs, "utf8");
  const topLevelImports = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
  expect(topLevelImports).toContain("fastify");
  for (const forbidden of ["mjml", "tsx", "typescript", "esbuild"]) expect(topLevelImports).not.toContain(forbidden);
  expect(bundle).not.toMatch(/from "@guichet\//);
});

// `node-flags` is the one source of the production flags (`npm start` and `npm run bench` read it);
// the systemd units and the Procfile in the docs are copied by hand, so they are checked against it.
it("every node command line in the docs runs the built server with node-flags' flags", () => {
  const flags = readFileSync(join(serverDir, "node-flags"), "utf8").trim();
  const lines = ["docs/operations.md", "docs/scaling.md"].flatMap((doc) =>
    readFileSync(join(repoRoot, doc), "utf8")
      .split("\n")
      .filter((line) => /\bnode\b.* dist\/main\.js/.test(line) && !line.startsWith("`")),
  );
  expect(lines.length).toBeGreaterThanOrEqual(4);
  for (const line of lines) expect(line, line).toContain(`node ${flags} dist/main.js`);
});

// Before any database is opened, whatever the engine: production without a mail server or an https address stops at once.
it("refuses to start in production without SMTP_URL and with a plain-http PUBLIC_URL: one French line naming them, exit code 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), "guichet-built-insecure-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    GUICHET_POW_SECRET: "x".repeat(32),
    PORT: "0",
    HOST: "127.0.0.1",
    GUICHET_LOG: "off",
  };
  delete env.SMTP_URL;
  delete env.PUBLIC_URL;
  delete env.GUICHET_ALLOW_INSECURE;
  const child = spawn(process.execPath, [mainJs], { cwd: dir, env: { ...env, DATABASE_URL: join(dir, "db.sqlite") }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(2);
  const lines = out.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^Configuration refusée : en production \(NODE_ENV=production\), SMTP_URL n’est pas renseignée .*PUBLIC_URL vaut « http:\/\/localhost:\d+ ».*GUICHET_ALLOW_INSECURE=1\.$/,
  );
  expect(out).not.toMatch(/\bat \S+ \(|Error/);
}, 60_000);

describe.each(testEngines)("the built server on %s", (engine) => {
  let server: Built;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = engine === "postgresql" ? await freshPostgresDatabase() : join(mkdtempSync(join(tmpdir(), "guichet-built-db-")), "db.sqlite");
    server = await startBuilt(databaseUrl);
  }, 120_000);

  afterAll(async () => {
    if (server) await new Promise((resolve) => (server.child.once("exit", resolve), server.child.kill("SIGTERM")));
    if (engine === "postgresql") await dropPostgresDatabase(databaseUrl);
  });

  it("answers over HTTP, serves a flow, and runs the strength estimate in its worker", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const view = await mutation<{ token: string; step: string }>(server.url, "flow.start");
    expect(view.token).toBeTypeOf("string");
    const estimate = await mutation<{ score: number | null }>(server.url, "flow.passwordStrength", { token: view.token, password: "Lauragais-1975-Bram!" });
    expect(estimate.score).toBeGreaterThanOrEqual(3);
  });

  // What only some requests need loads with the first of them: at rest, the process holds neither
  // sharp and libvips (picture challenges, photos) nor the other engine's driver.
  it("at rest, has loaded neither sharp nor the other engine's driver", async () => {
    await new Promise((r) => setTimeout(r, 1_000));
    const { loaded, maps } = await server.atRest();
    const packages = (name: string) => loaded.filter((p) => p.includes(`/node_modules/${name}/`));
    expect(packages("fastify").length).toBeGreaterThan(0);
    expect(packages("sharp")).toEqual([]);
    expect(maps).not.toMatch(/libvips|sharp-[a-z0-9-]+\.node/);
    const [own, other] =
      engine === "postgresql" ? ["@mikro-orm/postgresql", "@mikro-orm/better-sqlite"] : ["@mikro-orm/better-sqlite", "@mikro-orm/postgresql"];
    expect(packages(own).length).toBeGreaterThan(0);
    expect(packages(other)).toEqual([]);
    if (engine === "sqlite") expect(packages("pg")).toEqual([]);
    else expect(maps).not.toMatch(/better_sqlite3\.node/);
  });

  it("never loaded MJML nor a TypeScript compiler, nor Handlebars' compiler (the templates were precompiled)", () => {
    const loaded = server.loaded();
    expect(loaded.some((p) => p.includes("/node_modules/fastify/"))).toBe(true);
    for (const forbidden of ["mjml", "typescript", "tsx", "esbuild"]) {
      expect(loaded.filter((p) => p.includes(`/node_modules/${forbidden}/`))).toEqual([]);
    }
    const handlebars = loaded.filter((p) => p.includes("/node_modules/handlebars/"));
    expect(handlebars.some((p) => p.endsWith("handlebars.runtime.js"))).toBe(true);
    expect(handlebars.filter((p) => /[\\/](compiler|lib)[\\/]/.test(p) || p.endsWith("/handlebars.js"))).toEqual([]);
  });

  // The first start migrated the empty database; a process started on an up-to-date schema (every
  // start but the first after a deploy) loads neither MikroORM's migration tooling nor the migrations,
  // and the main thread never keeps zxcvbn's dictionaries (the strength worker holds them).
  it("started again on its migrated database, holds no migration tooling and no zxcvbn dictionary", async () => {
    const again = await startBuilt(databaseUrl);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const { loaded } = await again.atRest();
      expect(loaded.some((p) => p.includes("/node_modules/@mikro-orm/core/"))).toBe(true);
      for (const forbidden of ["@mikro-orm/migrations", "umzug", "@zxcvbn-ts/language-common", "@zxcvbn-ts/language-fr", "@zxcvbn-ts/core"]) {
        expect(loaded.filter((p) => p.includes(`/node_modules/${forbidden}/`))).toEqual([]);
      }
      // The first process, which migrated, did load the tooling: the check above is not vacuous.
      expect(server.loaded().some((p) => p.includes("/node_modules/@mikro-orm/migrations/"))).toBe(true);
    } finally {
      await new Promise((resolve) => (again.child.once("exit", resolve), again.child.kill("SIGTERM")));
    }
  }, 120_000);
});
