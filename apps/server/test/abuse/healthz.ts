/** `/healthz` latency while an attack runs: the figure each row of the abuse suite is judged by. */
export interface Latency {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/**
 * Asks `/healthz` one request at a time, every `everyMs`, for as long as `attack` runs (and at least once),
 * and returns the attack's result with the latencies in milliseconds.
 */
export async function healthzDuring<T>(url: string, attack: () => Promise<T>, everyMs = 20): Promise<{ result: T; latency: Latency }> {
  const times: number[] = [];
  let running = true;
  const probe = (async () => {
    do {
      const started = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, everyMs));
    } while (running);
  })();
  try {
    const result = await attack();
    return { result, latency: summarise(times) };
  } finally {
    running = false;
    await probe;
  }
}

function summarise(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}
