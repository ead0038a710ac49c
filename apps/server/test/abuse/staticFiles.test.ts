import { existsSync, readdirSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { performance as nodePerformance } from "node:perf_hooks";
import { execSync, spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PIPELINED } from "../../src/pipeliningCap";
import { testEngines } from "../engines";
import { startTestServer, type TestServer } from "../testServer";
import type { Latency } from "./healthz";

/**
 * Issue 21: 500 sockets each pipelining 4 GETs of the web app's 287 KB script, never reading, held one core
 * at 100 % for 5 s (every answer read the file and compressed it anew) and a new connection's /healthz waited
 * 2.8–4.0 s. The files now come from memory, compressed once at start, and a connection carries at most
 * MAX_PIPELINED requests awaiting their answer.
 */
const webDist = fileURLToPath(new URL("../../../web/dist/", import.meta.url));
// On a fresh clone the server's tests may run before the apps were ever built: build them as their own tests do.
for (const app of ["web", "kiosk"]) {
  const folder = fileURLToPath(new URL(`../../../${app}/`, import.meta.url));
  if (!existsSync(join(folder, "dist", "index.html"))) execSync("npx vite build", { cwd: folder, stdio: "inherit" });
}
const script = readdirSync(join(webDist, "assets"))
  .filter((f) => f.endsWith(".js"))
  .map((f) => ({ path: `/assets/${f}`, size: readFileSync(join(webDist, "assets", f)).length }))
  .sort((a, b) => b.size - a.size)[0]!;
const loopUtilization = nodePerformance.eventLoopUtilization;
const browserEncodings = "gzip, deflate, br, zstd";

/** Opens `sockets` connections that each send `pipelined` GETs of a path at once and never read; prints "sent", holds them until stdin ends (20 s at most). */
const attackerScript = `
const net = require("node:net");
const [port, path, sockets, pipelined] = process.argv.slice(1);
const text = ("GET " + path + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAccept-Encoding: ${browserEncodings}\\r\\n\\r\\n").repeat(Number(pipelined));
let open = 0;
for (let i = 0; i < Number(sockets); i++) {
  const socket = net.connect(Number(port), "127.0.0.1", () => {
    socket.write(text);
    if (++open === Number(sockets)) console.log("sent");
  });
  socket.pause();
  socket.on("error", () => { if (++open === Number(sockets)) console.log("sent"); });
}
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), 20000);
`;

/** One GET on a connection of its own (no keep-alive pool), as a new visitor or a load balancer's probe; given up after `ms`. */
const freshGet = (url: string, ms = 10_000) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const req = get(url, { agent: false, timeout: ms }, (res) => {
      res.resume();
      res.on("end", () => resolve(performance.now() - started));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => (performance.now() - started >= ms ? resolve(ms) : reject(new Error("no answer"))));
  });

const summarise = (times: number[]): Latency => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
  return { samples: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0 };
};

const request = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${browserEncodings}\r\n${extra}\r\n`;

/** A raw connection that sends `text` at once and gathers what comes back until the server closes it (or `ms` pass). */
const rawExchange = (port: number, text: string, ms = 5_000) =>
  new Promise<{ received: string; closedByServer: boolean }>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closedByServer: false });
    }, ms);
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ received, closedByServer: true });
    });
    socket.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" ? undefined : reject(err)));
  });

describe.each(testEngines)(
  "the apps' files under attack, on %s",
  (engine) => {
    let server: TestServer;
    let port: number;
    beforeAll(async () => {
      server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
      port = Number(new URL(server.url).port);
    });
    afterAll(() => server.close());

    it("sends the script compressed as brotli, gzip or as is, each the file's bytes, with an ETag that answers 304", async () => {
      const original = readFileSync(join(webDist, script.path));
      expect(original.length).toBeGreaterThan(100_000);
      const br = await fetch(`${server.url}${script.path}`, { headers: { "accept-encoding": "br" } });
      const gzip = await fetch(`${server.url}${script.path}`, { headers: { "accept-encoding": "gzip" } });
      const plain = await fetch(`${server.url}${script.path}`, { headers: { "accept-encoding": "identity" } });
      // fetch decodes what it is sent: the bytes on the wire are read with a raw request below.
      for (const res of [br, gzip, plain]) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toMatch(/^(text|application)\/javascript/);
        expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
        expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
        expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
        expect(Buffer.from(await res.arrayBuffer()).equals(original)).toBe(true);
      }
      expect(br.headers.get("content-encoding")).toBe("br");
      expect(gzip.headers.get("content-encoding")).toBe("gzip");
      expect(plain.headers.get("content-encoding")).toBeNull();

      const wire = (encoding: string) =>
        new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
          get(`${server.url}${script.path}`, { agent: false, headers: { "accept-encoding": encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          }).on("error", reject);
        });
      const brWire = await wire("gzip, br");
      expect(brWire.headers["content-encoding"]).toBe("br");
      expect(Number(brWire.headers["content-length"])).toBe(brWire.body.length);
      expect(brotliDecompressSync(brWire.body).equals(original)).toBe(true);
      expect(brWire.body.length).toBeLessThan(original.length / 2);
      const gzWire = await wire("gzip");
      expect(gunzipSync(gzWire.body).equals(original)).toBe(true);

      // The same bytes, known by their tag: nothing sent again.
      const etag = br.headers.get("etag")!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{16,}(-br)?"$/);
      const again = await fetch(`${server.url}${script.path}`, { headers: { "accept-encoding": "br", "if-none-match": etag } });
      expect(again.status).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      const changed = await fetch(`${server.url}${script.path}`, { headers: { "if-none-match": '"autre"' } });
      expect(changed.status).toBe(200);
      await changed.arrayBuffer();

      // The pages: the app's index.html, asked again each time (its scripts' names change with each build).
      for (const page of ["/", "/mon-espace", "/borne/", "/borne/accueil"]) {
        const res = await fetch(`${server.url}${page}`, { headers: { accept: "text/html" } });
        expect(res.status, page).toBe(200);
        expect(res.headers.get("content-type"), page).toMatch(/^text\/html/);
        expect(res.headers.get("cache-control"), page).toBe("no-cache");
        expect(await res.text(), page).toContain('<div id="root">');
      }
      const missing = await fetch(`${server.url}/assets/absent.js`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { message: "Page introuvable.", code: 404 } });
    });

    it("keeps a new connection's /healthz quick while 500 sockets each pipeline 4 GETs of the 287 KB script and never read", async () => {
      // The attacker is a process of its own, as it would be: the CPU measured here is the server's.
      const attacker = spawn(process.execPath, ["-e", attackerScript, String(port), script.path, "500", "4"], { stdio: ["pipe", "pipe", "inherit"] });
      const times: number[] = [];
      const cpuBefore = process.cpuUsage();
      const loopBefore = loopUtilization();
      let probing = true;
      const probe = (async () => {
        while (probing) {
          times.push(await freshGet(`${server.url}/healthz`));
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      try {
        await new Promise<void>((resolve, reject) => {
          attacker.stdout!.on("data", (chunk: Buffer) => (chunk.toString().includes("sent") ? resolve() : undefined));
          attacker.once("exit", (code) => reject(new Error(`the attacker exited (${code}) before sending`)));
        });
        // The server's share of the work comes after the writes: keep probing a while.
        await new Promise((r) => setTimeout(r, 3_000));
      } finally {
        probing = false;
        await probe;
        attacker.stdin!.end();
        attacker.kill();
      }
      const cpu = process.cpuUsage(cpuBefore);
      const loop = loopUtilization(loopBefore);
      const latency = summarise(times);
      console.log(
        `[${engine}] /healthz on new connections while 500 sockets pipeline 4 GETs of ${script.size} bytes:`,
        JSON.stringify(latency),
        `server CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, event loop busy ${loop.active.toFixed(0)} ms`,
      );
      expect(latency.samples).toBeGreaterThan(10);
      // The aim is 100 ms. Before, on this test's loaded machine: no answer within 10 s, 3.7–6.0 s of server CPU
      // (each GET read the file and compressed it); after, 0.5–0.6 s of CPU, the one probe that meets the burst of
      // 500 connections waits for their setup. The bound leaves room for a loaded machine.
      expect(latency.p50).toBeLessThan(100);
      expect(latency.p99).toBeLessThan(1_000);
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(2_000);
    });

    it(`closes a connection that pipelines more than ${MAX_PIPELINED} requests, and still serves keep-alive and ${MAX_PIPELINED} pipelined`, async () => {
      const flood = await rawExchange(port, request("/healthz").repeat(MAX_PIPELINED * 4));
      expect(flood.closedByServer).toBe(true);
      expect((flood.received.match(/HTTP\/1\.1 200/g) ?? []).length).toBeLessThanOrEqual(MAX_PIPELINED);

      const within = await rawExchange(port, request("/healthz").repeat(MAX_PIPELINED - 1) + request("/healthz", "Connection: close\r\n"));
      expect((within.received.match(/HTTP\/1\.1 200/g) ?? []).length).toBe(MAX_PIPELINED);

      // One request at a time on one connection, as browsers do: never refused.
      const answers = await new Promise<number>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1");
        let count = 0;
        let received = "";
        socket.on("data", (chunk: Buffer) => {
          received += chunk.toString("latin1");
          if (!received.includes('{"ok":true}')) return;
          received = "";
          if (++count === 20) {
            socket.destroy();
            resolve(count);
          } else socket.write(request("/healthz"));
        });
        socket.on("close", () => resolve(count));
        socket.on("error", reject);
        socket.write(request("/healthz"));
      });
      expect(answers).toBe(20);
    });
  },
  60_000,
);
