import type { FlowUpdate } from "@guichet/api";

/** What sharedFlowWatch needs of the tRPC client: the live view's subscription. */
export interface WatchClient {
  readonly flow: {
    readonly watch: {
      subscribe(
        input: { version: number },
        opts: {
          context: { flowToken: string };
          onData: (data: { data: unknown }) => void;
          onStarted?: () => void;
          onError: (err: unknown) => void;
          onComplete?: () => void;
        },
      ): { unsubscribe(): void };
    };
  };
}

/** The first retry waits about this long, each next one twice as long, up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 60_000;
/** After this many failed connections in a row the view stops following: the page still works without it. */
export const RETRY_ATTEMPTS = 8;
/** A connection that stayed open this long was a good one: the next failure starts the waits afresh. */
const HEALTHY_MS = 30_000;

type Listener = (update: FlowUpdate) => void;
interface Shared {
  readonly listeners: Set<Listener>;
  close(): void;
}
const byClient = new WeakMap<object, Map<string, Shared>>();

/**
 * Follows a flow for every view of it on this page through one subscription (each connection costs the server a
 * ticket and a stream): the first listener opens it, the last one closes it. A dropped or refused connection is
 * tried again after a growing, jittered wait (1 s, 2 s, 4 s… up to a minute, 8 times), never in a tight loop;
 * a view cut for too many screens, or a flow that ended, is not. Returns the function that stops listening.
 */
export function sharedFlowWatch(client: WatchClient, token: string, version: number, listener: Listener): () => void {
  let flows = byClient.get(client);
  if (!flows) byClient.set(client, (flows = new Map()));
  let shared = flows.get(token);
  if (!shared) {
    const listeners = new Set<Listener>();
    let subscription: { unsubscribe(): void } | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let openedAt = 0;
    let known = version;
    let closed = false;
    const close = () => {
      closed = true;
      clearTimeout(retry);
      subscription?.unsubscribe();
      if (flows!.get(token) === self) flows!.delete(token);
    };
    const connect = () => {
      subscription = client.flow.watch.subscribe(
        { version: known },
        {
          context: { flowToken: token },
          onStarted: () => (openedAt = Date.now()),
          onData: ({ data }) => {
            const update = data as FlowUpdate;
            if (update.kind === "view") known = Math.max(known, update.view.version);
            for (const l of [...listeners]) l(update);
            if (update.kind === "cut" || update.kind === "ended") close();
          },
          onError: () => {
            subscription?.unsubscribe();
            if (closed) return;
            if (openedAt && Date.now() - openedAt >= HEALTHY_MS) failures = 0;
            openedAt = 0;
            if (++failures > RETRY_ATTEMPTS) return close();
            const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1)) * (0.5 + Math.random());
            retry = setTimeout(connect, wait);
          },
        },
      );
    };
    const self: Shared = { listeners, close };
    shared = self;
    flows.set(token, shared);
    connect();
  }
  const mine = shared;
  mine.listeners.add(listener);
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0) mine.close();
  };
}
