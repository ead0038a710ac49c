import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter, FlowUpdate } from "@guichet/api";

/** A device: queries and moves over HTTP, live views over server-sent events, as the browsers do. */
export function deviceClient(baseUrl: string, options: { ip?: string } = {}) {
  const url = `${baseUrl}/trpc`;
  const headers = () => (options.ip ? { "x-forwarded-for": options.ip } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url, EventSource }),
        false: httpLink({ url, headers }),
      }),
    ],
  });
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
    { token, ...(version !== undefined ? { version } : {}) },
    {
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
        const timer = setTimeout(() => done(() => reject(new Error(`no matching update within ${ms} ms; got ${JSON.stringify(updates.map((u) => u.update.kind))}`))), ms);
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
