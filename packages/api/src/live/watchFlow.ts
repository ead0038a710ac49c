import { tracked } from "@trpc/server";
import { Schema } from "effect";
import type { FlowView } from "@guichet/schema";
import { abuseMessages } from "../abuse/abuseMessages";
import type { FlowRuntime } from "../flowRuntime";
import type { HubUpdate, LiveHub } from "./liveHub";
import type { WatchTickets } from "./watchTickets";

/** What a watching view is told. */
export type FlowUpdate =
  /** The flow as it is now, after a move made elsewhere. */
  | { readonly kind: "view"; readonly view: FlowView }
  /** Another device took the flow over with a resume code or link. */
  | { readonly kind: "resumed" }
  /** The flow is gone: cancelled, or expired. */
  | { readonly kind: "ended" }
  /** Too many views of this flow, or from this address: this one, the oldest, stops (and must not reconnect). */
  | { readonly kind: "cut"; readonly message: string };

/** No token here: the view's connection is opened with a ticket (`flow.watchTicket`), passed as a connection parameter. */
export const WatchInput = Schema.toStandardSchemaV1(
  Schema.Struct({
    /** The version the view already shows: nothing older or equal is sent. */
    version: Schema.optionalKey(Schema.Int),
    /** Set by the SSE client when it reconnects: the id of the last update it received. */
    lastEventId: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(40)))),
  }),
);

export interface LiveViews {
  readonly tickets: WatchTickets;
  readonly hub: LiveHub;
}

/**
 * Follows one flow for one open view. Event ids are the flow's version ("12", or "12.3" for the 3rd
 * takeover seen at version 12), so a client that reconnects gets only what it missed.
 */
export async function* watchFlow(
  deps: { readonly flows: FlowRuntime; readonly live: LiveViews },
  input: { version?: number; lastEventId?: string | null },
  caller: { readonly ticket: string | undefined; readonly ip: string },
  signal?: AbortSignal,
) {
  const { flowId, token } = await deps.live.tickets.redeem(caller.ticket);

  const queue: HubUpdate[] = [];
  let wake: (() => void) | undefined;
  const leave = deps.live.hub.join(flowId, token, caller.ip, (update) => {
    queue.push(update);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);

  try {
    const last = input.lastEventId ? Number.parseInt(input.lastEventId, 10) : input.version;
    let known = Number.isFinite(last) ? (last as number) : 0;
    let takeovers = 0;

    // Joined first, then read (or the hub's current read reused): a move made in between is both in the queue and in this view.
    const first = await deps.live.hub.current(flowId);
    if (!first) {
      yield tracked(`${known + 1}`, { kind: "ended" } as FlowUpdate);
      return;
    }
    if (first.version > known) {
      known = first.version;
      yield tracked(`${known}`, { kind: "view", view: first } as FlowUpdate);
    }
    if (first.status !== "active") return;

    while (!signal?.aborted) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      if (signal?.aborted) break;
      for (const update of queue.splice(0)) {
        if (update.kind === "cut") {
          yield tracked(`${known}.cut`, { kind: "cut", message: abuseMessages.liveViewReplaced } as FlowUpdate);
          return;
        }
        if (update.kind === "ended") {
          yield tracked(`${known + 1}`, { kind: "ended" } as FlowUpdate);
          return;
        }
        if (update.kind === "resumed") yield tracked(`${known}.${++takeovers}`, { kind: "resumed" } as FlowUpdate);
        else if (update.view.version > known) {
          known = update.view.version;
          yield tracked(`${known}`, { kind: "view", view: update.view } as FlowUpdate);
          if (update.view.status !== "active") return;
        }
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    leave();
  }
}
