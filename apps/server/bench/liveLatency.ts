import { createTRPCClient, httpLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter, FlowUpdate } from "@guichet/api";
import { liveViewLink } from "@guichet/client";

/** A device: moves over HTTP, live views over server-sent events opened with a fresh ticket each time. */
export const device = (base: string, ip?: string) => {
  const headers = (): Record<string, string> => (ip ? { "x-forwarded-for": ip } : {});
  const client: ReturnType<typeof createTRPCClient<AppRouter>> = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: liveViewLink({
          url: `${base}/trpc`,
          EventSource,
          eventSourceOptions: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers() } }) },
          ticket: async (token) => (await client.flow.watchTicket.mutate({ token })).ticket,
        }),
        false: httpLink({ url: `${base}/trpc`, headers }),
      }),
    ],
  });
  return client;
};

/**
 * Live update latency: device A moves a flow (SUIVANT on MOYENS DE CONTACT, then PRÉCÉDENT), device B
 * watches it over server-sent events; each sample is the time from A sending its move to B receiving
 * the new view. `baseA` and `baseB` may be two server processes (PostgreSQL LISTEN/NOTIFY between them).
 */
export async function liveLatency(baseA: string, baseB: string, samples: number, steps: Array<Record<string, unknown>>, contacts: Record<string, unknown>) {
  const a = device(baseA);
  const b = device(baseB);
  let view = await a.flow.start.mutate();
  view = await a.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
  for (const values of steps) view = await a.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values } });

  const arrivals = new Map<number, number>();
  let waiting: { version: number; resolve: () => void } | undefined;
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const sub = b.flow.watch.subscribe(
    { version: view.version },
    {
      context: { flowToken: view.token },
      onStarted: () => started(),
      onData: ({ data }) => {
        const update = data as FlowUpdate;
        if (update.kind !== "view") return;
        arrivals.set(update.view.version, performance.now());
        if (waiting && update.view.version >= waiting.version) waiting.resolve();
      },
    },
  );
  await ready;
  // The stream is open before the server has subscribed: one move, unmeasured, makes sure it has.
  const settle = async () => {
    const expected = view.version + 1;
    const seen = new Promise<void>((resolve) => (waiting = { version: expected, resolve }));
    view = await a.flow.send.mutate({
      token: view.token,
      version: view.version,
      move: view.step === "contacts" ? { type: "NEXT", values: contacts } : { type: "BACK" },
    });
    await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error(`no live update for version ${expected} within 5 s`)), 5_000))]);
  };
  await settle();

  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await settle();
    latencies.push(arrivals.get(view.version)! - t0);
  }
  sub.unsubscribe();
  latencies.sort((x, y) => x - y);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { samples, p50: pct(50), p95: pct(95), max: latencies[latencies.length - 1]! };
}
