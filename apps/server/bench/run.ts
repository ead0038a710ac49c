/**
 * npm run bench [-- --db postgres] [--seconds N]: starts a real server process, drives it over HTTP
 * at 32 concurrent clients, and prints figures. Numbers, not verdicts: compare runs on one machine.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { httpLoad } from "./httpLoad";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(arg("seconds") ?? 10);
const CLIENTS = 32;
const dir = mkdtempSync(join(tmpdir(), "guichet-bench-"));
const databaseUrl = arg("db") === "postgres" ? (process.env.GUICHET_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test") : join(dir, "bench.sqlite");
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../src/main.ts", import.meta.url))], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, MAIL_DIR: join(dir, "mail"), GUICHET_CAPTCHA: "off", GUICHET_LOG: "off", NODE_ENV: "test" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  server.stdout!.on("data", (b: Buffer) => b.toString().includes("écoute") && resolve());
  server.once("exit", (code) => reject(new Error(`server exited (${code})`)));
});
const peakRssMb = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

async function call(path: string, input: unknown, method: "POST" | "GET" = "POST") {
  const res = await fetch(`${base}/trpc/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify(input) : undefined,
  });
  const body = (await res.json()) as { result?: { data: any }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(JSON.stringify(body.error));
  return body.result.data;
}
const send = (view: { token: string; version: number }, move: unknown) => call("flow.send", { token: view.token, version: view.version, move });

const steps: Array<[string, Record<string, unknown>]> = [
  ["terms", { accepted: true }],
  ["identity", { civilite: "Monsieur", nomUsuel: "BOYET", prenoms: "Marc", dateNaissance: "01/05/1975", paysNaissance: "FR", departementNaissance: "95", communeNaissance: "95500" }],
  ["address", { numero: "15", voie: "RUE DE LA POSTE", codePostal: "11150", ville: "Bram", codeInsee: "11049", pays: "FR" }],
];
const contacts = { telephone: "04 68 76 69 40", courriel: "marc.boyet@example.fr", moyenPrefere: "courriel" };

// One flow per client, brought to MOYENS DE CONTACT.
const views = await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    let view = await call("flow.start", undefined);
    view = await send(view, { type: "START" });
    for (const [, values] of steps) view = await send(view, { type: "NEXT", values });
    return view;
  }),
);

await httpLoad(CLIENTS, 1500, async () => void (await call("ping", undefined))); // warm-up
const floor = await httpLoad(CLIENTS, seconds * 1000, async () => void (await call("ping", undefined)));

// Each loop: SUIVANT on MOYENS DE CONTACT, then PRÉCÉDENT back to it; both are flow steps without a password.
const step = await httpLoad(CLIENTS, seconds * 1000, async (client) => {
  const view = views[client]!;
  const next = await send(view, view.step === "contacts" ? { type: "NEXT", values: contacts } : { type: "BACK" });
  views[client] = next;
});

const sizes = await (async () => {
  const { openDatabase } = await import("@guichet/db");
  const db = await openDatabase(databaseUrl);
  const rows = await db.execute<{ n: number; avg: number; max: number }>("select count(*) as n, avg(length(snapshot)) as avg, max(length(snapshot)) as max from flow");
  await db.close();
  return rows[0]!;
})();

const f = (n: number, d = 1) => n.toFixed(d);
console.log(`\nGuichet benchmark — ${databaseUrl.startsWith("postgres") ? "PostgreSQL" : "SQLite"}, ${CLIENTS} clients, ${seconds} s each, one server process`);
console.log(`transport floor (no-op tRPC mutation): ${f(floor.perSecond, 0)} req/s, p50 ${f(floor.p50)} ms, p99 ${f(floor.p99)} ms, errors ${floor.errors}`);
console.log(`flow step (MOYENS DE CONTACT ⇄ PRÉCÉDENT): ${f(step.perSecond, 0)} events/s, p50 ${f(step.p50)} ms, p99 ${f(step.p99)} ms, errors ${step.errors}`);
console.log(`ratio step/floor: ${f((100 * step.perSecond) / floor.perSecond)} %`);
console.log(`server peak RSS: ${f(peakRssMb())} MB`);
console.log(`stored snapshot per flow: average ${f(Number(sizes.avg), 0)} B, largest ${sizes.max} B (${sizes.n} flows)`);
server.kill("SIGTERM");

if (!args.includes("--no-packages")) {
  const { benchReferenceData } = await import("@guichet/refdata");
  const r = await benchReferenceData();
  console.log(`\nreference data (server-side): street search p50 ${f(r.streetP50Ms, 3)} ms / p99 ${f(r.streetP99Ms, 3)} ms; commune search p50 ${f(r.communeP50Ms, 3)} ms / p99 ${f(r.communeP99Ms, 3)} ms; heap ${f(r.heapUsedMb)} MB`);
}
process.exit(0);
