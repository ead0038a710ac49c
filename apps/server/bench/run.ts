/**
 * npm run bench [-- --db postgres] [--processes N] [--seconds N] [--cpu-prof] [--node-flags "…"] [--no-packages]: starts real server processes (one by
 * default) on one database, drives them over HTTP at 32 concurrent clients, client i always talking to
 * process i mod N, and prints figures. Numbers, not verdicts: compare runs on one machine.
 * With `--db postgres` each run gets a fresh database on GUICHET_BENCH_POSTGRES_URL's server
 * (default postgres://postgres@127.0.0.1:5432/test), dropped at the end.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { httpLoad, pacedLoad } from "./httpLoad";
import { javaScriptWeight } from "./bundleSize";
import { liveLatency } from "./liveLatency";
import { powSolveTimes } from "./powSolve";
import { fanoutLatency, strengthLatency } from "./abuseLatency";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(arg("seconds") ?? 10);
const CLIENTS = 32;
const PROCESSES = Number(arg("processes") ?? 1);
if (!Number.isInteger(PROCESSES) || PROCESSES < 1) throw new Error("--processes takes a whole number, 1 or more");
const dir = mkdtempSync(join(tmpdir(), "guichet-bench-"));
const postgres = arg("db") === "postgres";
const databaseUrl = postgres
  ? await freshDatabase(process.env.GUICHET_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test")
  : join(dir, "bench.sqlite");

/** A database of its own for this run, so that runs compare. */
async function freshDatabase(serverUrl: string) {
  const name = `guichet_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
async function dropDatabase(url: string) {
  const admin = new pg.Client({ connectionString: process.env.GUICHET_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test" });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  await admin.end();
}

// The server as production runs it: built once (turbo-cached), plain JavaScript, the production node flags.
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
execFileSync("npx", ["turbo", "run", "build", "--filter=@guichet/server", "--output-logs=errors-only"], { cwd: repoRoot, stdio: "inherit" });
const nodeFlags = readFileSync(new URL("../node-flags", import.meta.url), "utf8")
  .trim()
  .split(/\s+/)
  .filter(Boolean);
// --node-flags "…": more flags for the server processes, to compare a setting before it goes into node-flags.
nodeFlags.push(...(arg("node-flags") ?? "").split(/\s+/).filter(Boolean));
// --cpu-prof: each server process writes a V8 CPU profile of its whole run (open it in Chrome's DevTools).
const profileDir = args.includes("--cpu-prof") ? join(dir, "cpu-profiles") : undefined;
if (profileDir) nodeFlags.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);

/** One server process on a free port; resolves with its address once it answers, and how long that took. */
function startServer(n: number): Promise<{ child: ChildProcess; base: string; readyMs: number }> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, fileURLToPath(new URL("../dist/main.js", import.meta.url))], {
    env: {
      MALLOC_ARENA_MAX: "2",
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      MAIL_DIR: join(dir, `mail${n}`),
      GUICHET_CAPTCHA: "off",
      GUICHET_LOG: "off",
      NODE_ENV: "test",
      // 32 clients on one machine start their flows at once: a load test, not a town hall.
      GUICHET_ADDRESS_LIMIT_FACTOR: "20",
      TRUST_PROXY: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let answered = false;
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const port = /écoute sur http:\/\/\S*:(\d+)/.exec(out)?.[1];
      if (port && !answered) {
        answered = true;
        const base = `http://127.0.0.1:${port}`;
        void fetch(`${base}/healthz`).then(() => resolve({ child, base, readyMs: performance.now() - spawnedAt }), reject);
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
}
const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));
const started = (s: Awaited<ReturnType<typeof startServer>>) => (children.push(s.child), s);
// PostgreSQL: started together, as a process manager would; one migrates, the others wait on the
// advisory lock. SQLite has no such lock (it is one process's database): the first one migrates alone.
const servers = postgres
  ? await Promise.all(Array.from({ length: PROCESSES }, (_, n) => startServer(n).then(started)))
  : [started(await startServer(0)), ...(await Promise.all(Array.from({ length: PROCESSES - 1 }, (_, n) => startServer(n + 1).then(started))))];
const baseOf = (client: number) => servers[client % PROCESSES]!.base;
const rssMb = (child: ChildProcess, field: "VmHWM" | "VmRSS") => {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
};
const peakRssMb = (child: ChildProcess) => rssMb(child, "VmHWM");
// At rest: started, nothing asked yet but /healthz. V8's memory reducer collects the start's garbage and
// gives back the young generation some seconds after the process stops allocating, later for a process
// that first migrated the database (144 MB at 12 s, 114 MB at 20 s); a process at rest in production has
// been idle far longer than that.
await new Promise((resolve) => setTimeout(resolve, 20_000));
const restRss = servers.map((s) => rssMb(s.child, "VmRSS"));

// Which phase holds the peak: every server's resident size sampled every 50 ms, the highest kept per phase.
let phase = "setup";
const phasePeaks = new Map<string, number[]>();
const sampler = setInterval(() => {
  const peaks = phasePeaks.get(phase) ?? servers.map(() => 0);
  servers.forEach((s, i) => {
    try {
      peaks[i] = Math.max(peaks[i]!, rssMb(s.child, "VmRSS"));
    } catch {
      // exited
    }
  });
  phasePeaks.set(phase, peaks);
}, 50);

async function call(client: number, path: string, input: unknown, method: "POST" | "GET" = "POST") {
  const res = await fetch(`${baseOf(client)}/trpc/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify(input) : undefined,
  });
  const body = (await res.json()) as { result?: { data: { token: string; version: number; step: string } }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(JSON.stringify(body.error));
  return body.result.data;
}
const send = (client: number, view: { token: string; version: number }, move: unknown) =>
  call(client, "flow.send", { token: view.token, version: view.version, move });

const steps: Array<[string, Record<string, unknown>]> = [
  ["terms", { accepted: true }],
  [
    "identity",
    {
      civilite: "Monsieur",
      nomUsuel: "BOYET",
      prenoms: "Marc",
      dateNaissance: "01/05/1975",
      paysNaissance: "FR",
      departementNaissance: "95",
      communeNaissance: "95500",
    },
  ],
  ["address", { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" }],
];
const contacts = { telephone: "04 68 76 69 40", courriel: "marc.boyet@example.fr", moyenPrefere: "courriel" };

// One flow per client, brought to MOYENS DE CONTACT.
const views = await Promise.all(
  Array.from({ length: CLIENTS }, async (_, client) => {
    let view = await call(client, "flow.start", undefined);
    view = await send(client, view, { type: "START" });
    for (const [, values] of steps) view = await send(client, view, { type: "NEXT", values });
    return view;
  }),
);

phase = "floor";
await httpLoad(CLIENTS, 1500, async (client) => void (await call(client, "ping", undefined))); // warm-up
const floor = await httpLoad(CLIENTS, seconds * 1000, async (client) => void (await call(client, "ping", undefined)));

phase = "step";
// Each loop: SUIVANT on MOYENS DE CONTACT, then PRÉCÉDENT back to it; both are flow steps without a password.
const step = await httpLoad(CLIENTS, seconds * 1000, async (client) => {
  const view = views[client]!;
  const next = await send(client, view, view.step === "contacts" ? { type: "NEXT", values: contacts } : { type: "BACK" });
  views[client] = next;
});

// The same moves at steady rates, sent at their time whether the ones before were answered or not: the
// latency of a server that is not saturated, at 100 a second (a town's busiest hour is a few a second),
// then at a quarter and half the throughput just measured. (With 32 clients in a closed loop, each
// answer frees a client that asks again at once: by Little's law, the mean latency there is 32 divided
// by the throughput, whatever the server does with each request.)
phase = "paced";
const pacedRates = [100, Math.round(step.perSecond / 4), Math.round(step.perSecond / 2)].filter((rate, i, all) => rate >= 10 && all.indexOf(rate) === i);
const paced = [];
for (const rate of pacedRates)
  paced.push(
    await pacedLoad(CLIENTS, rate, seconds * 1000, async (client) => {
      const view = views[client]!;
      views[client] = await send(client, view, view.step === "contacts" ? { type: "NEXT", values: contacts } : { type: "BACK" });
    }),
  );

phase = "live";
// Live views: one device moves, another (on the last process, so across processes when there are several on PostgreSQL) sees it.
const liveAcross = postgres || PROCESSES === 1;
const live = await liveLatency(
  servers[0]!.base,
  servers[liveAcross ? servers.length - 1 : 0]!.base,
  200,
  steps.map(([, v]) => v),
  contacts,
);

// Abuse: the event loop stays free while strength estimates run, and while a watched flow moves.
phase = "strength";
const strength = await strengthLatency(servers[0]!.base);
phase = "fan-out";
const fanout = await fanoutLatency(
  servers[0]!.base,
  50,
  steps.map(([, v]) => v),
);

clearInterval(sampler);
const sizes = await (async () => {
  const { openDatabase } = await import("@guichet/db");
  const db = await openDatabase(databaseUrl);
  const rows = await db.execute<{ n: number; avg: number; max: number }>(
    "select count(*) as n, avg(length(snapshot)) as avg, max(length(snapshot)) as max from flow",
  );
  await db.close();
  return rows[0]!;
})();

const f = (n: number, d = 1) => n.toFixed(d);
console.log(
  `\nGuichet benchmark — ${postgres ? "PostgreSQL" : "SQLite"}, ${CLIENTS} clients, ${seconds} s each, ${PROCESSES === 1 ? "one server process" : `${PROCESSES} server processes (clients round-robin)`}`,
);
console.log(`transport floor (no-op tRPC mutation): ${f(floor.perSecond, 0)} req/s, p50 ${f(floor.p50)} ms, p99 ${f(floor.p99)} ms, errors ${floor.errors}`);
console.log(`flow step (MOYENS DE CONTACT ⇄ PRÉCÉDENT): ${f(step.perSecond, 0)} events/s, p50 ${f(step.p50)} ms, p99 ${f(step.p99)} ms, errors ${step.errors}`);
console.log(`ratio step/floor: ${f((100 * step.perSecond) / floor.perSecond)} %`);
for (const p of paced)
  console.log(
    `flow step at a steady ${p.perSecond} events/s (open loop): p50 ${f(p.p50)} ms, p99 ${f(p.p99)} ms, max ${f(p.max)} ms, errors ${p.errors}${p.waited ? `, ${p.waited} waited for a free client` : ""}`,
  );
if (!postgres && PROCESSES > 1)
  console.log("(SQLite with several processes: throughput only; live views do not cross processes, so deploy several processes on PostgreSQL)");
console.log(
  `server RSS at rest (after start, before load): ${restRss.map((mb) => `${f(mb)} MB`).join(", ")}; peak: ${servers.map((s) => `${f(peakRssMb(s.child))} MB`).join(", ")}`,
);
console.log(`peak RSS by phase: ${[...phasePeaks].map(([name, mbs]) => `${name} ${mbs.map((mb) => f(mb, 0)).join("/")} MB`).join(", ")}`);
console.log(`start to first answered request: ${servers.map((s) => `${f(s.readyMs, 0)} ms`).join(", ")} (node ${nodeFlags.join(" ")} dist/main.js)`);
console.log(
  `live update, one device's move to the other's view (loopback, ${live.samples} moves${servers.length > 1 && liveAcross ? ", across two processes" : ""}): p50 ${f(live.p50)} ms, p95 ${f(live.p95)} ms, max ${f(live.max)} ms`,
);
console.log(
  `/healthz during 40 parallel 200-character strength estimates: p50 ${f(strength.p50)} ms, p99 ${f(strength.p99)} ms, max ${f(strength.max)} ms (${strength.samples} probes; ${strength.busy} answered "réessayez dans un instant")`,
);
console.log(
  `/healthz during 50 moves of a flow watched by ${fanout.views} views (the most allowed): p50 ${f(fanout.p50)} ms, p99 ${f(fanout.p99)} ms, max ${f(fanout.max)} ms (${fanout.samples} probes)`,
);
console.log(`stored snapshot per flow: average ${f(Number(sizes.avg), 0)} B, largest ${sizes.max} B (${sizes.n} flows)`);
await Promise.all(
  servers.map(
    (s) =>
      new Promise((resolve) => {
        s.child.once("exit", resolve);
        s.child.kill("SIGTERM");
      }),
  ),
);
if (postgres) await dropDatabase(databaseUrl);
if (profileDir) console.log(`CPU profiles: ${profileDir}`);

const kb = (bytes: number) => `${f(bytes / 1024)} KB`;
for (const [name, app] of [
  ["kiosk", "kiosk"],
  ["web app", "web"],
] as const) {
  const w = javaScriptWeight(fileURLToPath(new URL(`../../${app}/dist/`, import.meta.url)));
  console.log(
    w
      ? `${name} JavaScript, gzip: initial ${kb(w.initialGzip)} (${w.initialFiles.length} file${w.initialFiles.length > 1 ? "s" : ""}), all chunks ${kb(w.totalGzip)}`
      : `${name}: not built (npm run build)`,
  );
}

{
  const pow = await powSolveTimes();
  console.log(
    `proof of work, median solve at the shipped difficulty: Node (a script) ${f(pow.nodeMs, 0)} ms, Chromium (the web app's worker) ${pow.chromiumMs === undefined ? "— (no Chromium or web app not built)" : `${f(pow.chromiumMs, 0)} ms`}`,
  );
}

if (!args.includes("--no-packages")) {
  const { benchReferenceData } = await import("@guichet/refdata");
  const r = await benchReferenceData();
  const { benchMail } = await import("@guichet/mail/bench");
  const m = await benchMail();
  console.log(
    `\nactivation e-mail: precompiled template ${f(m.precompiledMicros)} µs vs mjml2html ${f(m.mjmlMillis, 2)} ms per message (${f(m.ratio, 0)}×); outbox to a loopback SMTP peer ${f(m.outboxPerSecond, 0)} messages/s`,
  );
  console.log(
    `reference data (server-side): street search p50 ${f(r.streetP50Ms, 3)} ms / p99 ${f(r.streetP99Ms, 3)} ms; commune search p50 ${f(r.communeP50Ms, 3)} ms / p99 ${f(r.communeP99Ms, 3)} ms; heap ${f(r.heapUsedMb)} MB`,
  );
}
process.exit(0);
