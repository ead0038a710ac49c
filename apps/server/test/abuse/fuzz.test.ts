import { Agent, request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, defaultAbuseLimits } from "@guichet/api";
import { forms, type FlowMove } from "@guichet/schema";
import { browser, citizen, linkIn, mailsTo, signUp } from "../accountHelpers";
import { testEngines } from "../engines";
import { marcBoyet, signUpAnswers, startTestServer, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";
import { deviceClient } from "../liveClient";

/**
 * Arbitrary input of every shape and size at every tRPC procedure, over real HTTP: zero 5xx, zero hung
 * requests, and the server still serves a real sign-up afterwards. The procedures are read from the
 * router itself, so one added later is fuzzed without a change here. The seed is printed; replay a
 * failure with GUICHET_FUZZ_SEED=<seed> (and GUICHET_FUZZ_RUNS to change the count).
 */
const SEED = Number(process.env.GUICHET_FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.GUICHET_FUZZ_RUNS ?? 10_000);
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 10_000;
/** The run's bound, sending only (generation apart): about 20 s on an idle 2-core machine, 147–165 s when 5 test runs share it (docs/security.md). */
const MAX_SECONDS = Number(process.env.GUICHET_FUZZ_MAX_SECONDS ?? 120);

type Kind = "query" | "mutation" | "subscription";
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: Kind } }>).map(([path, p]) => ({
  path,
  type: p._def.type,
}));

const fieldNames = [...new Set(Object.values(forms).flatMap((fields) => (fields ?? []).map((f) => f.name)))];
/** Names a careless `String(x)`, spread or lookup trips on. */
const trapKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "toJSON", "then", "hasOwnProperty", "length"];
const inputKeys = [
  "token",
  "version",
  "move",
  "type",
  "values",
  "step",
  "keys",
  "enfance",
  "jeton",
  "identifiant",
  "code",
  "username",
  "password",
  "confirmation",
  "serviceId",
  "key",
  "query",
  "departement",
  "codePostal",
  "secret",
];

/** JSON text, as sent: deep and huge shapes are written as text, for JSON.stringify itself would overflow on them. */
function arbitraries() {
  const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...fieldNames, ...trapKeys, ...inputKeys));
  const leaf = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom("", " ", "E\u0301loi\u0308se", "D’Artagnan", "\u0000", "\uD800", "ENF-7K3M-Q9", "01/05/1975", "FR", "11150", "NaN", "null"),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.nat(300).map((n) => "é".repeat(n)),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 6 }),
    object: fc.dictionary(key, tie("value"), { maxKeys: 8 }),
  }));
  // Placeholders, filled in when sent with a live flow of that slot and its current version (see `Flows`).
  const realToken = fc.integer({ min: 0, max: SLOTS.length - 1 }).map((i) => `$TOKEN${i}$`);
  const version = fc.oneof({ weight: 4, arbitrary: fc.constant(VERSION) }, fc.integer({ min: -2, max: 12 }), value);
  // Shaped like a real input, wrong inside: what reaches the runtime, the machine and the view.
  const token = fc.oneof(realToken, value);
  const move = fc.oneof(
    fc.record(
      {
        type: fc.constantFrom("START", "NEXT", "BACK", "EDIT", "CANCEL"),
        values: fc.oneof(
          value,
          fc.dictionary(key, value, { maxKeys: 12 }),
          fc.constant({ ...marcBoyet.identity }),
          fc.record({ keys: fc.dictionary(key, value) }),
        ),
        step: fc.oneof(fc.constantFrom("identity", "services", "review"), value),
      },
      { requiredKeys: ["type"] },
    ),
    value,
  );
  // Shaped like a real input, wrong inside: what reaches the runtime, the machine and the view. Grouped as the
  // procedures take them, so that no field is generated only to be dropped.
  const some = { requiredKeys: [] as never[] };
  const shaped = fc.oneof(
    { weight: 3, arbitrary: fc.record({ token, version, move }, some) },
    fc.record({ token, username: value, password: value }, some),
    fc.record({ jeton: value, identifiant: value, code: value, password: value, confirmation: value }, some),
    fc.record({ serviceId: fc.oneof(fc.constant("enfance"), value), key: value }, some),
    fc.record({ query: value, departement: value, codePostal: value }, some),
    fc.record({ code: value, secret: value, token }, some),
  );
  const text = fc.oneof(
    { weight: 30, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 50, arbitrary: shaped.map((v) => JSON.stringify(v)) },
    { weight: 10, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? "null") },
    // Deep nesting and huge arrays.
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((d) => `${"[".repeat(d)}${"]".repeat(d)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 120_000 }).map((n) => `[${"0,".repeat(n)}0]`) },
    // Not JSON at all.
    { weight: 10, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "[1,",
        '{"token":',
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{"x":1}}}',
        "\uFEFF{}",
        "null",
        "1e999",
        '"' + "\\u0000".repeat(50) + '"',
      ),
    },
  );
  // Moves of live flows at every step: what reaches the runtime, the machine, the store and the view.
  const moves = fc.oneof(
    { weight: 10, arbitrary: fc.record({ token: realToken, version, move }).map((v) => JSON.stringify(v)) },
    // Deep nesting, big strings (beyond the body limit, and just under it) and many keys inside a move.
    {
      weight: 2,
      arbitrary: fc
        .tuple(realToken, fc.integer({ min: 1, max: 20_000 }))
        .map(([t, d]) => `{"token":"${t}","version":"${VERSION}","move":{"type":"BACK","values":${'{"a":'.repeat(d)}1${"}".repeat(d)}}}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(realToken, fc.nat(300_000), fc.constantFrom("x", "é", "\\u0000"))
        .map(
          ([t, n, ch]) => `{"token":"${t}","version":"${VERSION}","move":{"type":"BACK","values":{"complement":"${ch.repeat(Math.floor(n / ch.length))}"}}}`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(realToken, fc.integer({ min: 0, max: 12_000 }))
        .map(
          ([t, n]) =>
            `{"token":"${t}","version":"${VERSION}","move":{"type":"NEXT","values":{"keys":{${Array.from({ length: n }, (_, i) => `"k${i}":"K${i}"`).join(",")}}}}}`,
        ),
    },
  );
  const transport = fc.constantFrom("native", "native", "native", "native", "get", "post", "batch", "form", "text");
  const anyCase = fc.record({ procedure: fc.constantFrom(...procedures), input: text, transport, session: fc.boolean() });
  const send = procedures.find((p) => p.path === "flow.send");
  if (!send) return anyCase;
  const moveCase = fc.record({
    procedure: fc.constant(send),
    input: moves,
    transport: fc.constantFrom("native", "native", "native", "batch"),
    session: fc.constant(false),
  });
  return fc.oneof({ weight: 3, arbitrary: anyCase }, { weight: 1, arbitrary: moveCase });
}

/** Live flows the shaped inputs aim at, one per step; a slot whose flow ended or expired gets a new one. */
const SLOTS = ["welcome", "terms", "identity", "address", "contacts", "credentials", "services", "review"] as const;
const VERSION = "$VERSION$";

class Flows {
  private readonly flows: Array<{ token: string; version: number; renewing?: Promise<void> }> = [];
  constructor(private readonly server: TestServer) {}

  async open() {
    for (const step of SLOTS) this.flows.push(await this.walk(step));
  }

  private made = 0;
  /**
   * A new flow walked up to `step` by a citizen of its own (a finished one takes its username), on a device
   * and address of its own: the fuzz renews flows far faster than one device may start them.
   */
  private async walk(step: (typeof SLOTS)[number]) {
    const n = ++this.made;
    const c = deviceClient(this.server.url, { ip: `198.18.${n >> 8}.${n & 255}` }).flow;
    let view = await c.start.mutate();
    for (const [name, values] of [["welcome", undefined] as const, ...signUpAnswers(citizen(`slot${n}`))]) {
      if (view.step === step) break;
      const move: FlowMove = name === "welcome" ? { type: "START" } : { type: "NEXT", ...(values ? { values } : {}) };
      view = await c.send.mutate({ token: view.token, version: view.version, move });
    }
    return { token: view.token, version: view.version };
  }

  /** The case's text with its placeholders filled in, and the slot it aims at. */
  fill(input: string): { text: string; slot?: number } {
    const slot = /\$TOKEN(\d+)\$/.exec(input)?.[1];
    const text = input.replace(/\$TOKEN(\d+)\$/g, (_, i: string) => this.flows[Number(i)]!.token);
    if (slot === undefined) return { text };
    return { text: text.replaceAll(`"${VERSION}"`, String(this.flows[Number(slot)]!.version)), slot: Number(slot) };
  }

  /** After a case: the slot's version as the server has it now, or a new flow when this one is gone. */
  async follow(slot: number) {
    const flow = this.flows[slot]!;
    if (flow.renewing) return;
    const view = await this.server.guichet.services.flows.get(flow.token).catch(() => undefined);
    if (view && view.status === "active") {
      flow.version = view.version;
      return;
    }
    flow.renewing = this.walk(SLOTS[slot]!).then((fresh) => {
      this.flows[slot] = fresh;
    });
    await flow.renewing;
  }
}

type Case = { procedure: { path: string; type: Kind }; input: string; transport: string; session: boolean };

/** The fuzzer's own connections, apart from the /healthz probe's (the server closes one after an oversized body). */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/**
 * One request on the fuzzer's own connections. Resolves with the status and the first
 * `firstChunkOnly` bytes, or rejects after the per-request timeout: a hung request fails the run.
 */
interface RequestOptions {
  method: string;
  headers: Record<string, string>;
  body?: string;
  firstChunkOnly?: boolean;
  fresh?: boolean;
}
function request(url: string, options: RequestOptions): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // What the server refuses by closing the connection (oversized header or body) travels on a connection of its own.
    const closing = options.firstChunkOnly || options.fresh || url.length > 4_000 || (options.body?.length ?? 0) > 200_000;
    const req = httpRequest(url, { method: options.method, headers: options.headers, agent: closing ? false : agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        // A live view answers and waits: its first event is enough, then the client goes away.
        if (options.firstChunkOnly) setTimeout(() => req.destroy(), 100);
      });
      res.on("end", () => done(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() })));
      res.on("close", () => done(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() })));
      res.on("error", () => undefined);
    });
    const timer = setTimeout(() => done(() => (req.destroy(), reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))), REQUEST_TIMEOUT_MS);
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    // A live view that says nothing for a while is waiting, as it should: the client goes away.
    if (options.firstChunkOnly) setTimeout(() => done(() => (req.destroy(), resolve({ status: 200, text: "" }))), 300);
    req.on("error", (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just as it was reused: Node's documented race, sent again once.
      if (req.reusedSocket && err.code === "ECONNRESET" && !options.fresh) return done(() => resolve(request(url, { ...options, fresh: true })));
      done(() => reject(err));
    });
    req.end(options.body);
  });
}

/** One case as HTTP: the procedure's own method, the other one, a batch, or a body of another type. */
function send(url: string, c: Case, cookie: string): Promise<{ status: number; text: string }> {
  const keepsSession = !["account.logout", "account.login"].includes(c.procedure.path);
  const headers: Record<string, string> = c.session && keepsSession ? { cookie } : {};
  const base = `${url}/trpc/${c.procedure.path}`;
  const query = (input: string) => `?input=${encodeURIComponent(input.slice(0, 2000))}`;
  if (c.procedure.type === "subscription") {
    return request(`${base}${query(c.input)}`, { method: "GET", headers: { ...headers, accept: "text/event-stream" }, firstChunkOnly: true });
  }
  const method = c.transport === "native" ? (c.procedure.type === "mutation" ? "post" : "get") : c.transport;
  if (method === "get") return request(`${base}${query(c.input)}`, { method: "GET", headers });
  if (method === "batch") {
    const other = procedures[c.input.length % procedures.length]!.path;
    const body = `{"0":${c.input},"1":${c.input}}`;
    const path = `${url}/trpc/${c.procedure.path},${other}?batch=1`;
    return c.procedure.type === "mutation"
      ? request(path, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body })
      : request(`${path}&input=${encodeURIComponent(body.slice(0, 2000))}`, { method: "GET", headers });
  }
  const type = method === "form" ? "multipart/form-data; boundary=x" : method === "text" ? "text/plain" : "application/json";
  return request(base, { method: "POST", headers: { ...headers, "content-type": type }, body: c.input });
}

describe.each(testEngines)("fuzzing every procedure on %s", (engine) => {
  let server: TestServer;
  let flows: Flows;
  let cookie = "";
  beforeAll(async () => {
    // Ten thousand calls from one device and address: the floor every anonymous call passes (abuseLimits `calls`)
    // (and those of lookups and logins) would answer most of them with a refusal, and the inputs would never reach the procedures this suite shakes.
    const floorOff = { perDevice: { max: 1_000_000, windowMs: 60_000 }, perAddress: { max: 1_000_000, windowMs: 60_000 } };
    server = await startTestServer(
      { GUICHET_WORKER: "off" },
      { engine, limits: { ...defaultAbuseLimits, calls: floorOff, lookups: floorOff, logins: floorOff } },
    );
    // Real flows at every step, so that shaped inputs reach the runtime, the machine and the view.
    flows = new Flows(server);
    await flows.open();
    // A logged-in citizen, so that the procedures behind a session are fuzzed too.
    const who = citizen(`fuzz${engine}`);
    await signUp(server, who);
    const mail = (await mailsTo(server, who.contacts.courriel)).find((x) => x.subject.startsWith("Confirmation"))!;
    await server.client.account.activate.mutate({ jeton: linkIn(mail.text, "activation").jeton });
    const b = browser(server);
    await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
    cookie = [...b.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  it(
    `answers ${RUNS} arbitrary inputs without a 5xx or a hang, then still serves a sign-up`,
    async () => {
      console.log(`[${engine}] fuzz seed ${SEED} (replay: GUICHET_FUZZ_SEED=${SEED}), ${RUNS} inputs over ${procedures.length} procedures`);
      const generating = performance.now();
      const cases = fc.sample(arbitraries(), { seed: SEED, numRuns: RUNS }) as Case[];
      console.log(
        `[${engine}] generated in ${((performance.now() - generating) / 1000).toFixed(1)} s, ${(cases.reduce((n, c) => n + c.input.length, 0) / 1e6).toFixed(1)} MB`,
      );
      const failures: Array<{ index: number; case: Case; status: number; text: string }> = [];
      const statuses = new Map<number, number>();
      const started = performance.now();
      const { latency } = await healthzDuring(
        server.url,
        async () => {
          let next = 0;
          await Promise.all(
            Array.from({ length: CONCURRENCY }, async () => {
              while (next < cases.length) {
                const index = next++;
                const c = cases[index]!;
                let answer: { status: number; text: string };
                const { text, slot } = flows.fill(c.input);
                try {
                  answer = await send(server.url, { ...c, input: text }, cookie);
                  if (slot !== undefined) await flows.follow(slot);
                } catch (err) {
                  answer = { status: -1, text: String(err) };
                }
                statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
                if (answer.status < 0 || answer.status >= 500 || answer.text.includes("INTERNAL_SERVER_ERROR")) {
                  failures.push({ index, case: { ...c, input: c.input.slice(0, 300) }, ...answer, text: answer.text.slice(0, 300) });
                }
              }
            }),
          );
        },
        100,
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `[${engine}] fuzz: ${RUNS} inputs in ${seconds.toFixed(1)} s (${(RUNS / seconds).toFixed(0)}/s); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; /healthz p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`,
      );
      expect(failures, `seed ${SEED}: ${JSON.stringify(failures.slice(0, 5), null, 1)}`).toEqual([]);
      expect(seconds, `${RUNS} inputs took ${seconds.toFixed(1)} s`).toBeLessThan(MAX_SECONDS);

      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // A citizen of another address: the fuzzer's own address has spent its sign-ups, as a script's would.
      expect((await signUp(server, citizen(`after${engine}`), deviceClient(server.url, { ip: "192.0.2.200" }))).status).toBe("done");
    },
    (MAX_SECONDS + 60) * 1000,
  );
});
