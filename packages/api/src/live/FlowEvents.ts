/**
 * What happened to a flow, as other open views of it need to know: it moved to a new version, or
 * another device took it over with a resume code or link (the kiosk then forgets it).
 */
export type FlowEvent = { readonly kind: "moved"; readonly version: number } | { readonly kind: "resumed"; readonly version: number };

export type FlowListener = (event: FlowEvent) => void;

/**
 * Publish/subscribe of flow events. Listeners are told of events published after they subscribed;
 * delivery is best effort and may repeat or merge events, so a listener re-reads the flow rather than
 * trusting what it was told. One process: `inProcessFlowEvents`; several processes share events
 * through the database (PostgreSQL LISTEN/NOTIFY) behind this same interface.
 */
export interface FlowEvents {
  publish(flowId: string, event: FlowEvent): void;
  /** Returns the function that ends the subscription. */
  subscribe(flowId: string, listener: FlowListener): () => void;
  close(): Promise<void>;
}
