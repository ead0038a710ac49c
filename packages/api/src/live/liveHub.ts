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
  readonly token: string;
  readonly watchers: Watcher[];
  readonly unsubscribe: () => void;
  /** The newest version read. */
  known: number;
  reading: boolean;
  again: boolean;
}

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
    if (channel && channel.watchers.length === 0) {
      channel.unsubscribe();
      channels.delete(w.flowId);
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
  async function read(channel: Channel) {
    if (channel.reading) {
      channel.again = true;
      return;
    }
    channel.reading = true;
    try {
      do {
        channel.again = false;
        let view: FlowView | undefined;
        try {
          view = await deps.flows.get(channel.token, { internal: true });
        } catch {
          view = undefined; // cancelled (deleted) or expired
        }
        if (!view) tellAll(channel, { kind: "ended" });
        else if (view.version > channel.known) {
          channel.known = view.version;
          tellAll(channel, { kind: "view", view });
        }
      } while (channel.again);
    } finally {
      channel.reading = false;
    }
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
        channel = { token, watchers: [], unsubscribe, known: 0, reading: false, again: false };
        channels.set(flowId, channel);
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
