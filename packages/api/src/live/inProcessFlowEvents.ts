import type { FlowEvent, FlowEvents, FlowListener } from "./FlowEvents";

/** Flow events within one process: enough for SQLite, which one process serves. */
export function inProcessFlowEvents(): FlowEvents & { listenerCount(flowId?: string): number; watchedFlows(): string[] } {
  const listeners = new Map<string, Set<FlowListener>>();
  return {
    publish(flowId: string, event: FlowEvent) {
      for (const listener of [...(listeners.get(flowId) ?? [])]) {
        try {
          listener(event);
        } catch {
          // One broken view must not keep the others from hearing of the move.
        }
      }
    },
    subscribe(flowId: string, listener: FlowListener) {
      let set = listeners.get(flowId);
      if (!set) listeners.set(flowId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(flowId) === set) listeners.delete(flowId);
      };
    },
    async close() {
      listeners.clear();
    },
    watchedFlows: () => [...listeners.keys()],
    listenerCount(flowId?: string) {
      if (flowId) return listeners.get(flowId)?.size ?? 0;
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}
