import { defaultAbuseLimits, type FlowUpdate } from "@guichet/api";
import type { FlowView } from "@guichet/schema";
import { healthzDuring, type Latency } from "../test/abuse/healthz";
import { device } from "./liveLatency";

/** 200 characters that make zxcvbn try every matcher. */
const longPassword = "aA1!bB2@".repeat(25);

/** `/healthz` while 40 parallel strength estimates of a 200-character password run, each from its own flow. */
export async function strengthLatency(base: string): Promise<Latency & { busy: number }> {
  const client = device(base, "198.51.100.200");
  const flows: FlowView[] = [];
  for (let i = 0; i < 40; i++) flows.push(await client.flow.start.mutate());
  const { result, latency } = await healthzDuring(
    base,
    () => Promise.all(flows.map((f) => client.flow.passwordStrength.mutate({ token: f.token, password: longPassword }))),
    5,
  );
  return { ...latency, busy: result.filter((r) => r.score === null).length };
}

/**
 * `/healthz` during moves of a flow watched by the most views allowed (after as many again were cut):
 * each move is read once and told to every view.
 */
export async function fanoutLatency(base: string, moves: number, steps: Array<Record<string, unknown>>): Promise<Latency & { views: number }> {
  const { perFlow } = defaultAbuseLimits.liveViews;
  const mover = device(base, "198.51.100.201");
  let view = await mover.flow.start.mutate();
  view = await mover.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
  view = await mover.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: steps[0]! } });
  const seen: number[] = [];
  const watchers = Array.from({ length: perFlow * 2 }, (_, i) => {
    const latest = { version: 0 };
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const sub = device(base, `198.51.100.${10 + i}`).flow.watch.subscribe(
      { version: view.version },
      {
        context: { flowToken: view.token },
        onStarted: () => started(),
        onData: ({ data }) => {
          const u = data as FlowUpdate;
          if (u.kind === "view") latest.version = u.view.version;
          seen.push(i);
        },
      },
    );
    return { latest, ready, sub };
  });
  for (const w of watchers) await w.ready;
  await new Promise((r) => setTimeout(r, 500));
  const kept = watchers.slice(-perFlow);
  const { latency } = await healthzDuring(
    base,
    async () => {
      for (let i = 0; i < moves; i++) {
        view = await mover.flow.send.mutate({
          token: view.token,
          version: view.version,
          move: view.step === "identity" ? { type: "BACK" } : { type: "NEXT", values: steps[0]! },
        });
        const until = Date.now() + 5_000;
        while (kept.some((w) => w.latest.version < view.version) && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
      }
    },
    5,
  );
  for (const w of watchers) w.sub.unsubscribe();
  return { ...latency, views: kept.length };
}
