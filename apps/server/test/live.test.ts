import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { liveMessages, type FlowEvents } from "@guichet/api";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";
import { testEngines } from "./engines";
import { deviceClient, isView, walkTo, watch, type DeviceClient } from "./liveClient";

describe.each(testEngines)("live views on %s", (engine) => {
  let server: TestServer;
  let phone: DeviceClient;
  let laptop: DeviceClient;
  // Both implementations (in memory, PostgreSQL LISTEN/NOTIFY) count their listeners.
  const events = () => server.guichet.services.events as FlowEvents & { listenerCount(flowId?: string): number };
  beforeAll(async () => {
    server = await startTestServer({}, { engine });
    phone = deviceClient(server.url);
    laptop = deviceClient(server.url);
    // The first identity move of a process loads the place names: not what the latency below measures.
    await walkTo(laptop, "address");
  });
  afterAll(() => server.close());

  it("shows the other device the new step within a second of a move", async () => {
    const view = await walkTo(laptop, "identity");
    const other = watch(phone, view.token, view.version);
    await other.ready;
    const sent = performance.now();
    const moved = await laptop.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.identity } });
    const seen = await other.next((u) => isView(u) && u.view.version === moved.version);
    expect(seen.at - sent).toBeLessThan(1_000);
    expect(isView(seen.update) && seen.update.view.step).toBe("address");
    // Every answer comes along, as the moving device sees it.
    expect(isView(seen.update) && seen.update.view.fields).toEqual(moved.fields);
    other.close();
  });

  it("sends a view that opens late the moves it missed, and nothing it already shows", async () => {
    const view = await walkTo(laptop, "terms");
    const moved = await laptop.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.terms } });
    const late = watch(phone, view.token, view.version);
    expect((await late.next(isView)).update).toMatchObject({ kind: "view", view: { version: moved.version, step: "identity" } });
    const current = watch(phone, view.token, moved.version);
    await current.ready;
    await new Promise((r) => setTimeout(r, 200));
    expect(current.updates).toEqual([]);
    late.close();
    current.close();
  });

  it("lets one of two conflicting moves win, refuses the other with a clear message, and shows the loser the winner's step", async () => {
    const view = await walkTo(laptop, "identity");
    const loserView = watch(phone, view.token, view.version);
    await loserView.ready;
    const results = await Promise.allSettled([
      laptop.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.identity } }),
      phone.flow.send.mutate({ token: view.token, version: view.version, move: { type: "BACK", values: marcBoyet.identity } }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(TRPCClientError);
    expect(lost[0]!.reason.data.code).toBe("CONFLICT");
    expect(lost[0]!.reason.message).toBe(fr.errors.conflict);
    const winner = (won[0] as PromiseFulfilledResult<{ version: number; step: string }>).value;
    const seen = await loserView.next((u) => isView(u) && u.view.version === winner.version);
    expect(isView(seen.update) && seen.update.view.step).toBe(winner.step);
    loserView.close();
  });

  it("tells the other views when the flow is cancelled", async () => {
    const view = await walkTo(laptop, "terms");
    const other = watch(phone, view.token, view.version);
    await other.ready;
    await laptop.flow.cancel.mutate({ token: view.token, version: view.version });
    await other.next((u) => u.kind === "ended");
  });

  it("tells the kiosk as soon as a phone takes the flow over with its code", async () => {
    const kiosk = deviceClient(server.url);
    const view = await walkTo(kiosk, "address");
    const screen = watch(kiosk, view.token, view.version);
    await screen.ready;
    const offer = await kiosk.resume.offer.mutate({ token: view.token });
    const taken = await phone.resume.redeemCode.mutate({ code: offer.code });
    expect(taken.step).toBe("address");
    await screen.next((u) => u.kind === "resumed");
    screen.close();
  });

  it("refuses to watch a flow it does not know: no ticket is given for it", async () => {
    const stranger = watch(phone, "x".repeat(43));
    await expect(stranger.next(() => true)).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" }, message: liveMessages.ticketRefused });
    stranger.close();
  });

  it("stops at once with live views still open", async () => {
    const other = await startTestServer({}, { engine });
    const device = deviceClient(other.url);
    const view = await device.flow.start.mutate();
    const open = watch(device, view.token, view.version);
    await open.ready;
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    open.close();
  });

  it("lets go of the subscription when the view closes", async () => {
    const view = await walkTo(laptop, "terms");
    const flowId = await server.guichet.services.flows.idOf(view.token);
    const other = watch(phone, view.token, view.version);
    // The stream opens before the server has looked the flow up and subscribed.
    await expect.poll(() => events().listenerCount(flowId), { timeout: 2_000 }).toBe(1);
    other.close();
    await expect.poll(() => server.guichet.services.live.hub.count(flowId), { timeout: 2_000 }).toBe(0);
    // The subscription itself outlives the view a while, for a reconnect (liveHub.test.ts lets it go after LINGER_MS).
    expect(events().listenerCount(flowId)).toBe(1);
  });
});
