import { createTRPCClient, httpLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter, FlowUpdate } from "@guichet/api";
import { liveViewLink } from "@guichet/client";

/**
 * A device: queries and moves over HTTP, live views over server-sent events opened with a fresh ticket,
 * as the browsers do. `ip` speaks through X-Forwarded-For; `device` sends a device cookie (a kiosk's).
 */
export function deviceClient(baseUrl: string, options: { ip?: string; device?: string; onStream?: (url: string) => void } = {}) {
  const url = `${baseUrl}/trpc`;
  const headers = (): Record<string, string> => ({
    ...(options.ip ? { "x-forwarded-for": options.ip } : {}),
    // Both names: the server's is `__Host-` prefixed when its PUBLIC_URL is https.
    ...(options.device ? { cookie: `guichet_device=${options.device}; __Host-guichet_device=${options.device}` } : {}),
  });
  const client: ReturnType<typeof createTRPCClient<AppRouter>> = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: liveViewLink({
          url,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => {
              options.onStream?.(String(input));
              return fetch(input, { ...init, headers: { ...init?.headers, ...headers() } });
            },
          },
          ticket: async (token) => (await client.flow.watchTicket.mutate({ token })).ticket,
        }),
        false: httpLink({ url, headers }),
      }),
    ],
  });
  return client;
}
export type DeviceClient = ReturnType<typeof deviceClient>;

/** Everything a watching view is told, as it arrives, with its arrival time. */
export function watch(client: DeviceClient, token: string, version?: number) {
  const updates: Array<{ update: FlowUpdate; at: number }> = [];
  const waiters = new Set<() => void>();
  let failure: unknown;
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const sub = client.flow.watch.subscribe(
    { ...(version !== undefined ? { version } : {}) },
    {
      context: { flowToken: token },
      onStarted: () => started(),
      onData: (data) => {
        updates.push({ update: data.data as FlowUpdate, at: performance.now() });
        for (const w of waiters) w();
      },
      onError: (err) => {
        failure = err;
        for (const w of waiters) w();
      },
    },
  );
  return {
    updates,
    ready,
    /** Resolves with the first update (from `from` on) that matches, or fails after `ms`. */
    next(match: (u: FlowUpdate) => boolean, ms = 3_000, from = 0): Promise<{ update: FlowUpdate; at: number }> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (failure) return done(() => reject(failure));
          const found = updates.slice(from).find((u) => match(u.update));
          if (found) done(() => resolve(found));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no matching update within ${ms} ms; got ${JSON.stringify(updates.map((u) => u.update.kind))}`))),
          ms,
        );
        const done = (fn: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
    close: () => sub.unsubscribe(),
  };
}

export const isView = (u: FlowUpdate): u is Extract<FlowUpdate, { kind: "view" }> => u.kind === "view";

export { walkTo } from "./testServer";
