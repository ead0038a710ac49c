import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createChallenge, solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { defaultPowDifficulty, POW_ALGORITHM, type PowDifficulty } from "@guichet/api";

const CHROMIUM = "/usr/bin/chromium";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function challenges(n: number, difficulty: PowDifficulty): Promise<Challenge[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      createChallenge({
        algorithm: POW_ALGORITHM,
        cost: difficulty.cost,
        // The middle of the range: the figure is the typical solve, not the luck of a draw.
        counter: Math.round((difficulty.counterMin + difficulty.counterMax) / 2),
        deriveKey,
        hmacSignatureSecret: "bench",
        hmacKeySignatureSecret: "bench-key",
      }),
    ),
  );
}

/** The proof of work's median solve time at the shipped difficulty: in Node (a script) and in Chromium (the web app's own worker). */
export async function powSolveTimes(n = 7, difficulty = defaultPowDifficulty): Promise<{ nodeMs: number; chromiumMs: number | undefined }> {
  const times: number[] = [];
  for (const challenge of await challenges(n, difficulty)) {
    const started = performance.now();
    await solveChallenge({ challenge, deriveKey });
    times.push(performance.now() - started);
  }
  return { nodeMs: median(times), chromiumMs: await chromiumMs(n, difficulty) };
}

async function chromiumMs(n: number, difficulty: PowDifficulty): Promise<number | undefined> {
  const assets = fileURLToPath(new URL("../../web/dist/assets/", import.meta.url));
  const workerFile = existsSync(assets) ? readdirSync(assets).find((f) => /^powWorker-.*\.js$/.test(f)) : undefined;
  if (!existsSync(CHROMIUM) || !workerFile) return undefined;
  const workerCode = readFileSync(join(assets, workerFile), "utf8");
  // A page of its own on loopback (a secure context: WebCrypto works there), serving the built worker.
  const server = createServer((req, res) => {
    if (req.url === "/worker.js") res.writeHead(200, { "content-type": "text/javascript" }).end(workerCode);
    else res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>pow</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const times = await page.evaluate(
      async (list) => {
        const out: number[] = [];
        for (const challenge of list) {
          const worker = new Worker("/worker.js", { type: "module" });
          const started = performance.now();
          await new Promise((resolve) => {
            worker.onmessage = resolve;
            worker.postMessage({ type: "work", challenge, counterStart: 0, counterStep: 1 });
          });
          out.push(performance.now() - started);
          worker.terminate();
        }
        return out;
      },
      await challenges(n, difficulty),
    );
    return median(times);
  } finally {
    await browser.close();
    server.close();
  }
}

// `tsx bench/powSolve.ts`: the figures alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await powSolveTimes();
  console.log(
    `proof of work (${POW_ALGORITHM}, cost ${defaultPowDifficulty.cost}, counter ${defaultPowDifficulty.counterMin}–${defaultPowDifficulty.counterMax}): median solve Node ${r.nodeMs.toFixed(0)} ms, Chromium ${r.chromiumMs?.toFixed(0) ?? "—"} ms`,
  );
}
