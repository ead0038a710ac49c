import type { FlowView } from "@guichet/schema";
import type { FlowRuntime } from "../flowRuntime";
import type { FlowEvent, FlowEvents } from "./FlowEvents";

/** What the hub tells a watcher: the flow's new view (read once for all), its end, a takeover, or that this view was cut. */
export type HubUpdate =
  { readonly kind: "view"; readonly view: FlowView } | { readonly kind: "ended" } | { readonly kind: "resumed" } | { readonly kind: "cut" };

interface Watcher {
  readonly flowId: string;
  readonly ip: string;
  readonly deliver: (update: HubUpdate) => void;
}

interface Channel {
  /** The newest token a view joined with (a recovery link gives the flow a new one). */
  token: string;
  readonly watchers: Watcher[];
  readonly unsubscribe: () => void;
  /** The newest version read. */
  known: number;
  /** The read under way, if any; `again` when a move came meanwhile. */
  reading: Promise<void> | undefined;
  again: boolean;
  /** The flow as last read (null: ended), current while subscribed and not reading. */
  latest: FlowView | null | undefined;
  /** Set while no view is open: the channel stays subscribed a while for the next reconnect. */
  linger: ReturnType<typeof setTimeout> | undefined;
}

/** How long a flow's channel (its subscription and last read) outlives its last view: a reconnect within it reads nothing. */
export const LINGER_MS = 30_000;

export interface LiveHubLimits {
  readonly perFlow: number;
  readonly perAddress: number;
}

/**
 * This process's open live views. One subscription and one read of the flow per move, whatever the
 * number of watchers; at most `perFlow` views of a flow and `perAddress` views from one client address,
 * the oldest being cut when a new one comes.
 */
export function liveHub(deps: { readonly flows: FlowRuntime; readonly events: FlowEvents; readonly limits: LiveHubLimits }) {
  const channels = new Map<string, Channel>();
  const byAddress = new Map<string, Watcher[]>();

  const remove = <T>(list: T[] | undefined, item: T) => {
    const i = list ? list.indexOf(item) : -1;
    if (i >= 0) list!.splice(i, 1);
  };

  function leave(w: Watcher) {
    const channel = channels.get(w.flowId);
    remove(channel?.watchers, w);
    if (channel && channel.watchers.length === 0 && !channel.linger) {
      channel.linger = setTimeout(() => {
        if (channel.watchers.length > 0 || channels.get(w.flowId) !== channel) return;
        channel.unsubscribe();
        channels.delete(w.flowId);
      }, LINGER_MS);
      channel.linger.unref();
    }
    const mine = byAddress.get(w.ip);
    remove(mine, w);
    if (mine && mine.length === 0) byAddress.delete(w.ip);
  }

  function cut(w: Watcher) {
    leave(w);
    w.deliver({ kind: "cut" });
  }

  const tellAll = (channel: Channel, update: HubUpdate) => {
    for (const w of [...channel.watchers]) w.deliver(update);
  };

  /** Reads the flow once for every watcher; moves that come meanwhile are read once more after. */
  function read(channel: Channel): Promise<void> {
    if (channel.reading) {
      channel.again = true;
      return channel.reading;
    }
    channel.reading = (async () => {
      try {
        do {
          channel.again = false;
          let view: FlowView | undefined;
          try {
            view = await deps.flows.get(channel.token, { internal: true });
          } catch {
            view = undefined; // cancelled (deleted) or expired
          }
          channel.latest = view ?? null;
          if (!view) tellAll(channel, { kind: "ended" });
          else if (view.version > channel.known) {
            channel.known = view.version;
            tellAll(channel, { kind: "view", view });
          }
        } while (channel.again);
      } finally {
        channel.reading = undefined;
      }
    })();
    return channel.reading;
  }

  function heard(flowId: string, event: FlowEvent) {
    const channel = channels.get(flowId);
    if (!channel) return;
    if (event.kind === "resumed") tellAll(channel, { kind: "resumed" });
    else if (event.version > channel.known) void read(channel);
  }

  return {
    /** Opens a view; returns the function that closes it. Joining may cut the oldest views of the flow or the address. */
    join(flowId: string, token: string, ip: string, deliver: (update: HubUpdate) => void): () => void {
      let channel = channels.get(flowId);
      if (!channel) {
        const unsubscribe = deps.events.subscribe(flowId, (event) => heard(flowId, event));
        channel = { token, watchers: [], unsubscribe, known: 0, reading: undefined, again: false, latest: undefined, linger: undefined };
        channels.set(flowId, channel);
      }
      clearTimeout(channel.linger);
      channel.linger = undefined;
      if (channel.token !== token) {
        channel.token = token;
        channel.latest = undefined;
      }
      const w: Watcher = { flowId, ip, deliver };
      channel.watchers.push(w);
      let mine = byAddress.get(ip);
      if (!mine) byAddress.set(ip, (mine = []));
      mine.push(w);
      while (channel.watchers.length > deps.limits.perFlow) cut(channel.watchers[0]!);
      while (mine.length > deps.limits.perAddress) cut(mine[0]!);
      return () => leave(w);
    },
    /**
     * The flow as it is now, for a view that just joined: the channel's last read while it is current (a
     * reconnect costs no read), else one read shared by every view that asks meanwhile. Undefined once ended.
     */
    async current(flowId: string): Promise<FlowView | undefined> {
      const channel = channels.get(flowId);
      if (!channel) return undefined;
      if (channel.reading || channel.latest === undefined) await read(channel);
      return channel.latest ?? undefined;
    },
    /** Open views in this process (all, or of one flow). */
    count(flowId?: string): number {
      if (flowId) return channels.get(flowId)?.watchers.length ?? 0;
      let n = 0;
      for (const c of channels.values()) n += c.watchers.length;
      return n;
    },
  };
}
export type LiveHub = ReturnType<typeof liveHub>;
