import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FlowUpdate } from "@guichet/api";
import { RETRY_ATTEMPTS, RETRY_FIRST_MS, RETRY_MAX_MS, sharedFlowWatch, type WatchClient } from "./sharedFlowWatch";

/** A client whose subscriptions the test drives: each one's handlers, and whether it was closed. */
function fakeClient() {
  const subscriptions: Array<{
    input: { version: number };
    token: string;
    data: (u: FlowUpdate) => void;
    fail: () => void;
    start: () => void;
    closed: boolean;
  }> = [];
  const client: WatchClient = {
    flow: {
      watch: {
        subscribe(input, opts) {
          const sub = {
            input,
            token: opts.context.flowToken,
            data: (u: FlowUpdate) => opts.onData({ data: u }),
            fail: () => opts.onError(new Error("coupé")),
            start: () => opts.onStarted?.(),
            closed: false,
          };
          subscriptions.push(sub);
          return { unsubscribe: () => void (sub.closed = true) };
        },
      },
    },
  };
  return { client, subscriptions, open: () => subscriptions.filter((s) => !s.closed) };
}

describe("one live subscription per flow and page, reconnected after a growing wait", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shares one subscription between the views of a flow, and closes it with the last one", () => {
    const { client, subscriptions, open } = fakeClient();
    const heard: string[] = [];
    const stopA = sharedFlowWatch(client, "jeton", 3, (u) => heard.push(`a:${u.kind}`));
    const stopB = sharedFlowWatch(client, "jeton", 3, (u) => heard.push(`b:${u.kind}`));
    const other = sharedFlowWatch(client, "autre", 1, () => undefined);
    expect(subscriptions.map((s) => s.token)).toEqual(["jeton", "autre"]);
    subscriptions[0]!.data({ kind: "resumed" });
    expect(heard).toEqual(["a:resumed", "b:resumed"]);
    stopA();
    expect(open()).toHaveLength(2);
    stopB();
    other();
    expect(open()).toHaveLength(0);
  });

  it("waits longer after each failed connection, with jitter, up to a minute, then stops following", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { client, subscriptions, open } = fakeClient();
    const stop = sharedFlowWatch(client, "jeton", 3, () => undefined);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= RETRY_ATTEMPTS; attempt++) {
      subscriptions.at(-1)!.fail();
      expect(open()).toHaveLength(0);
      const before = subscriptions.length;
      let waited = 0;
      while (subscriptions.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits[0]).toBe(RETRY_FIRST_MS);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBe(Math.min(RETRY_MAX_MS, waits[i - 1]! * 2));
    expect(waits.at(-1)).toBe(RETRY_MAX_MS);
    // One failure more: no more connections, however long the page stays.
    subscriptions.at(-1)!.fail();
    vi.advanceTimersByTime(10 * RETRY_MAX_MS);
    expect(subscriptions).toHaveLength(RETRY_ATTEMPTS + 1);
    stop();
  });

  it("reconnects from the newest version heard, never after a cut or an end, and not once stopped", () => {
    const { client, subscriptions, open } = fakeClient();
    const stop = sharedFlowWatch(client, "jeton", 3, () => undefined);
    subscriptions[0]!.data({ kind: "view", view: { version: 5 } } as FlowUpdate);
    subscriptions[0]!.fail();
    vi.advanceTimersByTime(2 * RETRY_FIRST_MS);
    expect(subscriptions[1]!.input).toEqual({ version: 5 });
    subscriptions[1]!.data({ kind: "cut", message: "Trop d’écrans" });
    subscriptions[1]!.fail();
    vi.advanceTimersByTime(10 * RETRY_MAX_MS);
    expect(subscriptions).toHaveLength(2);
    expect(open()).toHaveLength(0);
    stop();

    const again = sharedFlowWatch(client, "jeton", 5, () => undefined);
    subscriptions.at(-1)!.fail();
    again();
    vi.advanceTimersByTime(10 * RETRY_MAX_MS);
    expect(subscriptions).toHaveLength(3);
  });
});
