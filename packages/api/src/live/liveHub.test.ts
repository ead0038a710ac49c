import { afterEach, describe, expect, it, vi } from "vitest";
import type { FlowView } from "@guichet/schema";
import type { FlowRuntime } from "../flowRuntime";
import { inProcessFlowEvents } from "./inProcessFlowEvents";
import { LINGER_MS, liveHub, type HubUpdate } from "./liveHub";

/** A hub over flows whose every read is counted; `version` is what the next read finds. */
function hubWithReads() {
  const events = inProcessFlowEvents();
  const state = { reads: 0, version: 3, tokens: [] as string[] };
  const flows = {
    get: async (token: string) => {
      state.reads++;
      state.tokens.push(token);
      return { token, version: state.version, status: "active" } as unknown as FlowView;
    },
  } as unknown as FlowRuntime;
  return { hub: liveHub({ flows, events, limits: { perFlow: 5, perAddress: 20 } }), events, state };
}

describe("the live hub: what a reconnect costs", () => {
  afterEach(() => vi.useRealTimers());

  it("gives views that open the flow's last read while it is current: one read for many reconnects", async () => {
    const { hub, events, state } = hubWithReads();
    for (let i = 0; i < 10; i++) {
      const leave = hub.join("f1", "jeton", `192.0.2.${i}`, () => undefined);
      expect((await hub.current("f1"))?.version).toBe(3);
      leave();
    }
    expect(state.reads).toBe(1);
    // A move is read once, and the next view that opens is given it without reading again.
    const heard: HubUpdate[] = [];
    const leave = hub.join("f1", "jeton", "192.0.2.50", (u) => heard.push(u));
    state.version = 4;
    events.publish("f1", { kind: "moved", version: 4 });
    await vi.waitFor(() => expect(heard).toHaveLength(1));
    expect((await hub.current("f1"))?.version).toBe(4);
    expect(state.reads).toBe(2);
    leave();
  });

  it("lets go of a flow's subscription LINGER_MS after its last view closed, not before", async () => {
    vi.useFakeTimers();
    const { hub, events } = hubWithReads();
    const leave = hub.join("f2", "jeton", "192.0.2.1", () => undefined);
    leave();
    expect(hub.count("f2")).toBe(0);
    expect(events.listenerCount("f2")).toBe(1);
    vi.advanceTimersByTime(LINGER_MS - 1);
    expect(events.listenerCount("f2")).toBe(1);
    // A view that comes back meanwhile keeps it.
    const again = hub.join("f2", "jeton", "192.0.2.1", () => undefined);
    vi.advanceTimersByTime(LINGER_MS * 2);
    expect(events.listenerCount("f2")).toBe(1);
    again();
    vi.advanceTimersByTime(LINGER_MS);
    expect(events.listenerCount("f2")).toBe(0);
  });

  it("reads with the newest token a view joined with (a recovery link gives the flow a new one)", async () => {
    const { hub, state } = hubWithReads();
    const leave = hub.join("f3", "ancien", "192.0.2.1", () => undefined);
    await hub.current("f3");
    leave();
    hub.join("f3", "nouveau", "192.0.2.2", () => undefined);
    await hub.current("f3");
    expect(state.tokens).toEqual(["ancien", "nouveau"]);
  });
});
