import { useEffect, useRef } from "react";
import type { FlowUpdate } from "@guichet/api";
import type { FlowView } from "@guichet/schema";
import type { GuichetClient } from "./createGuichetClient";

export interface FlowWatchHandlers {
  /** Another device moved the flow: its view now, newer than the one shown. */
  onView(view: FlowView): void;
  /** Another device took the flow over with a resume code or link. */
  onResumed?(): void;
  /** The flow is gone (cancelled elsewhere, or expired). */
  onEnded?(): void;
  /** Too many screens follow this flow: this view stops updating itself (a French sentence to show). */
  onCut?(message: string): void;
}

/**
 * Follows the shown flow over server-sent events while it is active. The subscription stays open
 * across the flow's own moves; after a dropped connection the client reconnects (with a fresh ticket)
 * and the last event's id, and gets only what it missed. A view cut for too many screens does not reconnect.
 */
export function useFlowWatch(client: GuichetClient, view: FlowView | null, handlers: FlowWatchHandlers): void {
  const token = view?.status === "active" ? view.token : null;
  const version = useRef(view?.version ?? 0);
  version.current = view?.version ?? 0;
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!token) return;
    const sub = client.flow.watch.subscribe(
      { version: version.current },
      {
        context: { flowToken: token },
        onData: ({ data }) => {
          const update = data as FlowUpdate;
          if (update.kind === "view") {
            if (update.view.version > version.current) latest.current.onView(update.view);
          } else if (update.kind === "resumed") latest.current.onResumed?.();
          else if (update.kind === "cut") latest.current.onCut?.(update.message);
          else latest.current.onEnded?.();
        },
        // Live updates are a comfort: without them, a stale move still gets the conflict message and the current step.
        onError: () => undefined,
      },
    );
    return () => sub.unsubscribe();
  }, [client, token]);
}
