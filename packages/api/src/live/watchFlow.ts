import { tracked } from "@trpc/server";
import { Schema } from "effect";
import type { FlowView } from "@guichet/schema";
import { flowErrors } from "../FlowError";
import type { FlowRuntime } from "../flowRuntime";
import type { FlowEvent, FlowEvents } from "./FlowEvents";

/** What a watching view is told. */
export type FlowUpdate =
  /** The flow as it is now, after a move made elsewhere. */
  | { readonly kind: "view"; readonly view: FlowView }
  /** Another device took the flow over with a resume code or link. */
  | { readonly kind: "resumed" }
  /** The flow is gone: cancelled, or expired. */
  | { readonly kind: "ended" };

export const WatchInput = Schema.toStandardSchemaV1(
  Schema.Struct({
    token: Schema.String.check(Schema.isMinLength(20), Schema.isMaxLength(100)),
    /** The version the view already shows: nothing older or equal is sent. */
    version: Schema.optionalKey(Schema.Int),
    /** Set by the SSE client when it reconnects: the id of the last update it received. */
    lastEventId: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(40)))),
  }),
);

/**
 * Follows one flow for one open view. Event ids are the flow's version ("12", or "12.3" for the 3rd
 * takeover seen at version 12), so a client that reconnects gets only what it missed.
 */
export async function* watchFlow(
  deps: { readonly flows: FlowRuntime; readonly events: FlowEvents },
  input: { token: string; version?: number; lastEventId?: string | null },
  signal?: AbortSignal,
) {
  const flowId = await deps.flows.idOf(input.token);
  if (!flowId) throw flowErrors.notFound();

  const queue: FlowEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = deps.events.subscribe(flowId, (event) => {
    queue.push(event);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);

  const view = async () => {
    try {
      return await deps.flows.get(input.token);
    } catch {
      return undefined; // cancelled (deleted) or expired
    }
  };

  try {
    const last = input.lastEventId ? Number.parseInt(input.lastEventId, 10) : input.version;
    let known = Number.isFinite(last) ? (last as number) : 0;
    let takeovers = 0;

    // Subscribed first, then read: a move made in between is both in the queue and in this view.
    const first = await view();
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
      // Moves that came in a burst are read once: the latest view says it all.
      const batch = queue.splice(0);
      if (batch.some((e) => e.kind === "moved" && e.version > known)) {
        const next = await view();
        if (!next) {
          yield tracked(`${known + 1}`, { kind: "ended" } as FlowUpdate);
          return;
        }
        if (next.version > known) {
          known = next.version;
          yield tracked(`${known}`, { kind: "view", view: next } as FlowUpdate);
        }
        if (next.status !== "active") return;
      }
      if (batch.some((e) => e.kind === "resumed")) yield tracked(`${known}.${++takeovers}`, { kind: "resumed" } as FlowUpdate);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    unsubscribe();
  }
}
