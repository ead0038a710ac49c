import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, newResumeCode, type AppRouter } from "@guichet/api";
import { fr, type FlowView } from "@guichet/schema";
import { startSmtpPeer, type SmtpPeer } from "@guichet/mail/testing";
import { dropPostgresDatabase, freshPostgresDatabase, postgresUrl } from "./engines";
import { deviceClient, isView, watch } from "./liveClient";
import { marcBoyet, signUpAnswers } from "./testServer";

/*
 * Several real server processes on one PostgreSQL database (docs/scaling.md: any of them serves any flow).
 * PostgreSQL only: SQLite is one process's database.
 */
if (!postgresUrl) {
  console.warn(
    "\n⚠ Multi-process suite SKIPPED: it needs PostgreSQL and GUICHET_TEST_POSTGRES_URL is not set " +
      "(e.g. postgres://postgres@127.0.0.1:5432/test). CI sets it.\n",
  );
}

const PROCESSES = 3;
const SIGN_UPS = 200;
const CONFLICT_ROUNDS = 500;
const mainTs = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

/** `node --import tsx apps/server/src/main.ts`, as an operator starts it; resolves once it listens. */
function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", mainTs], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "écoute" within 60 s:\n${output}`)), 60_000);
    child.stdout!.on("data", () => {
      const port = /écoute sur http:\/\/\S*:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}`, output: () => output });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
}

async function stopProcess(p: ServerProcess) {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const trpc = (url: string, ip?: string, device?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { ...(ip ? { "x-forwarded-for": ip } : {}), ...(device ? { cookie: `guichet_device=${device}` } : {}) } })],
  });
type Client = ReturnType<typeof trpc>;

/** Runs `task(0..n-1)` with at most `width` running at once. */
async function pool(n: number, width: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** The refused call's tRPC code and French sentence. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return { code: error.data?.code as string, message: error.message };
    throw error;
  }
  throw new Error("the call was not refused");
}

describe.skipIf(!postgresUrl)(`${PROCESSES} server processes on one PostgreSQL database`, () => {
  let databaseUrl: string;
  let peer: SmtpPeer;
  let servers: ServerProcess[] = [];
  let clients: Client[];
  let admin: pg.Client;
  const random = () => clients[Math.floor(Math.random() * clients.length)]!;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    databaseUrl = await freshPostgresDatabase();
    const mailDir = mkdtempSync(join(tmpdir(), "guichet-multi-"));
    // All at once on an empty database: one migrates under the advisory lock, the others wait and find nothing to do.
    const started = await Promise.allSettled(
      Array.from({ length: PROCESSES }, (_, i) =>
        startProcess({
          PORT: "0",
          HOST: "127.0.0.1",
          DATABASE_URL: databaseUrl,
          GUICHET_CAPTCHA: "off",
          NODE_ENV: "test",
          SMTP_URL: peer.url,
          MAIL_DIR: join(mailDir, String(i)),
          GUICHET_LOG: "off",
          // The tests pose as several addresses through X-Forwarded-For, as a reverse proxy would set it.
          TRUST_PROXY: "1",
          // 200 sign-ups from one address within a minute: far past a town hall's ceilings, which this suite does not test.
          GUICHET_ADDRESS_LIMIT_FACTOR: "20",
        }),
      ),
    );
    servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    clients = servers.map((s) => trpc(s.url));
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopProcess));
    await admin?.end();
    await peer?.close();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  }, 60_000);

  it("started every process on a fresh database at once, each migration applied exactly once", async () => {
    expect(servers).toHaveLength(PROCESSES);
    const { rows } = await admin.query<{ name: string }>("select name from mikro_orm_migrations order by id");
    const names = rows.map((r) => r.name);
    expect(names[0]).toBe("Migration20261126Initial");
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(new Set(names).size).toBe(names.length);
    for (const s of servers) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it(`completes ${SIGN_UPS} sign-ups whose every request goes to a random process, and e-mails each citizen exactly once`, async () => {
    await pool(SIGN_UPS, 16, async (i) => {
      const who = {
        ...marcBoyet,
        contacts: { ...marcBoyet.contacts, courriel: `multi.${i}@example.fr` },
        credentials: { username: `multi.${i}`, password: "Pontoise1975", confirmation: "Pontoise1975" },
      };
      let view = await random().flow.start.mutate();
      view = await random().flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
      for (const [step, values] of signUpAnswers(who)) {
        expect(view.step, `sign-up ${i}`).toBe(step);
        view = await random().flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: values as Record<string, unknown> } });
        expect(view.errors, `sign-up ${i} at ${step}`).toEqual({});
      }
      expect(view.status).toBe("done");
    });

    const { rows: accounts } = await admin.query("select id from account where username_key like 'multi.%'");
    expect(accounts).toHaveLength(SIGN_UPS);

    // Three outbox workers poll the same table; each e-mail is claimed by one of them.
    const recipients = () => peer.received.flatMap((m) => m.rcptTo).filter((to) => to.startsWith("multi."));
    await expect.poll(() => recipients().length, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(SIGN_UPS);
    // A little longer than a polling period: a second sending would show now.
    await new Promise((r) => setTimeout(r, 3_000));
    const counts = new Map<string, number>();
    for (const to of recipients()) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect(counts.size).toBe(SIGN_UPS);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const { rows: unsent } = await admin.query("select id from outbox where sent_at is null");
    expect(unsent).toEqual([]);
  }, 150_000);

  it(`loses no update when two clients on two processes send conflicting moves ${CONFLICT_ROUNDS} times`, async () => {
    const [one, two] = [clients[0]!, clients[1]!];
    let view = await one.flow.start.mutate();
    view = await two.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
    view = await one.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.terms } });
    const first = view.version;
    const token = view.token;
    const values: Record<string, Record<string, unknown>> = { identity: marcBoyet.identity, address: marcBoyet.address, contacts: marcBoyet.contacts };
    // Each client chooses a move that the step it sees accepts; both moves carry the same version.
    const moveOf = (who: 1 | 2, v: FlowView) => {
      if (who === 1) return v.step === "contacts" ? ({ type: "BACK" } as const) : ({ type: "NEXT", values: values[v.step]! } as const);
      return v.step === "identity" ? ({ type: "NEXT", values: values.identity! } as const) : ({ type: "BACK" } as const);
    };

    const accepted: FlowView[] = [];
    const refused: Array<{ code: string; message: string }> = [];
    for (let round = 0; round < CONFLICT_ROUNDS; round++) {
      const [seen1, seen2] = await Promise.all([one.flow.get.mutate({ token }), two.flow.get.mutate({ token })]);
      expect(seen1.version).toBe(seen2.version);
      const results = await Promise.allSettled([
        one.flow.send.mutate({ token, version: seen1.version, move: moveOf(1, seen1) }),
        two.flow.send.mutate({ token, version: seen2.version, move: moveOf(2, seen2) }),
      ]);
      for (const r of results) {
        if (r.status === "fulfilled") {
          expect(r.value.errors).toEqual({});
          accepted.push(r.value);
        } else {
          refused.push(await refusal(Promise.reject(r.reason)));
        }
      }
    }

    // Exactly one of each pair wins; every loser is told, in French, that the flow moved elsewhere.
    expect(accepted.length + refused.length).toBe(2 * CONFLICT_ROUNDS);
    expect(refused.filter((r) => r.code !== "CONFLICT" || r.message !== fr.errors.conflict)).toEqual([]);
    expect(accepted).toHaveLength(CONFLICT_ROUNDS);
    // No lost update: every accepted move made its own version, one after the other, and the stored
    // version counts them all.
    expect(accepted.map((v) => v.version)).toEqual(Array.from({ length: CONFLICT_ROUNDS }, (_, i) => first + 1 + i));
    const { rows } = await admin.query<{ version: number; step: string }>("select version, step from flow where token_hash = $1", [hashToken(token)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.version - first).toBe(accepted.length);
    expect(rows[0]!.step).toBe(accepted.at(-1)!.step);
  }, 150_000);

  it("shows a view watching on one process the move made on another, and the takeover made on a third", async () => {
    const [a, b, c] = servers.map((s) => deviceClient(s.url));
    let view = await b!.flow.start.mutate();
    view = await b!.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
    view = await b!.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.terms } });
    const onA = watch(a!, view.token, view.version);
    await onA.ready;
    const sent = performance.now();
    const moved = await b!.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.identity } });
    const seen = await onA.next((u) => isView(u) && u.view.version === moved.version);
    expect(seen.at - sent).toBeLessThan(1_000);
    expect(isView(seen.update) && seen.update.view.step).toBe("address");

    const offer = await b!.resume.offer.mutate({ token: view.token });
    await c!.resume.redeemCode.mutate({ code: offer.code });
    await onA.next((u) => u.kind === "resumed");
    onA.close();
  });

  it("counts wrong resume codes in one place: the limit per device holds across every process", async () => {
    const ip = "203.0.113.77";
    const guessers = servers.map((s) => trpc(s.url, ip, "un-appareil-qui-devine"));
    // The limit is 5 wrong codes per device per 15 minutes; spread over 3 processes they still add up.
    for (let i = 0; i < 5; i++) {
      const r = await refusal(guessers[i % PROCESSES]!.resume.redeemCode.mutate({ code: newResumeCode() }));
      expect(r.code, `guess ${i + 1}`).toBe("NOT_FOUND");
    }
    for (const g of guessers) expect((await refusal(g.resume.redeemCode.mutate({ code: newResumeCode() }))).code).toBe("TOO_MANY_REQUESTS");
    // Counted per device: another one, behind the same address, goes on.
    expect((await refusal(trpc(servers[0]!.url, ip, "un-autre-appareil-1234").resume.redeemCode.mutate({ code: newResumeCode() }))).code).toBe("NOT_FOUND");
  });
});
