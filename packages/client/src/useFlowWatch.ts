import { useEffect, useRef } from "react";
import type { FlowView } from "@guichet/schema";
import type { GuichetClient } from "./createGuichetClient";
import { sharedFlowWatch } from "./sharedFlowWatch";

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
 * across the flow's own moves and is shared by every view of the flow on the page (sharedFlowWatch); after a
 * dropped connection it reconnects with a fresh ticket after a growing wait, and gets only what it missed.
 * A view cut for too many screens does not reconnect.
 */
export function useFlowWatch(client: GuichetClient, view: FlowView | null, handlers: FlowWatchHandlers): void {
  const token = view?.status === "active" ? view.token : null;
  const version = useRef(view?.version ?? 0);
  version.current = view?.version ?? 0;
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!token) return;
    // Live updates are a comfort: without them, a stale move still gets the conflict message and the current step.
    return sharedFlowWatch(client, token, version.current, (update) => {
      if (update.kind === "view") {
        if (update.view.version > version.current) latest.current.onView(update.view);
      } else if (update.kind === "resumed") latest.current.onResumed?.();
      else if (update.kind === "cut") latest.current.onCut?.(update.message);
      else latest.current.onEnded?.();
    });
  }, [client, token]);
}
