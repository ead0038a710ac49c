/** Runs `worker` on `clients` concurrent loops for `durationMs`; returns throughput and latency percentiles. */
export async function httpLoad(clients: number, durationMs: number, worker: (client: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await worker(client);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { perSecond: latencies.length / seconds, p50: pct(50), p99: pct(99), count: latencies.length, errors };
}

/**
 * Open loop: `perSecond` calls a second for `durationMs`, each one at its appointed time whether the
 * ones before have been answered or not, as independent citizens would; `worker` is given a free
 * client (none of whose calls is under way). A call's latency runs from its appointed time, so a
 * server that falls behind shows it (no coordinated omission). With every client busy at its time, a
 * call waits for the first free one, counted as `waited`.
 */
export async function pacedLoad(clients: number, perSecond: number, durationMs: number, worker: (client: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  let waited = 0;
  const free = Array.from({ length: clients }, (_, client) => client);
  const waiting: Array<(client: number) => void> = [];
  const release = (client: number) => (waiting.length > 0 ? waiting.shift()!(client) : free.push(client));
  const acquire = (): Promise<number> | number => (free.length > 0 ? free.shift()! : (waited++, new Promise((resolve) => waiting.push(resolve))));
  const total = Math.round((perSecond * durationMs) / 1000);
  const start = performance.now();
  const calls: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    calls.push(
      (async () => {
        const client = await acquire();
        try {
          await worker(client);
          latencies.push(performance.now() - due);
        } catch {
          errors++;
        } finally {
          release(client);
        }
      })(),
    );
  }
  await Promise.all(calls);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { perSecond, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? NaN, count: latencies.length, errors, waited };
}
