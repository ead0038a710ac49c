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
