import { useCallback, useEffect, useRef, useState } from "react";
import { fr, type FlowMove, type FlowView } from "@guichet/schema";
import type { GuichetClient } from "./createGuichetClient";
import { flowError, type FlowError } from "./flowError";
import { prepareProofOfWork, withProofOfWork } from "./proofOfWork";

/** Where the flow's secret token is kept between visits (localStorage on the web; nothing on a kiosk). */
export type TokenStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;
export const flowTokenKey = "guichet.flow";

export interface UseFlowOptions {
  /** `null` keeps the token in memory only. Default: `localStorage`. */
  readonly storage?: TokenStorage | null;
  /** Starts a new flow when none is stored. */
  readonly autoStart?: boolean;
  /**
   * How this page opens its flow, instead of the sign-up's `flow.start`: a démarche of Mon espace
   * (`myspace.start`, or a view handed over by `myspace.resume`). Asked on load when no token is stored.
   */
  readonly open?: () => Promise<FlowView>;
}

export interface FlowState {
  readonly view: FlowView | null;
  /** "loading" until the stored flow is fetched or a new one started. */
  readonly status: "loading" | "ready";
  readonly pending: boolean;
  /** The last failure, in French; cleared by the next answered move. */
  readonly error: FlowError | null;
  /** Counts answered moves, so a page knows when to move focus (to the error summary or the new step). */
  readonly moves: number;
  start(): Promise<void>;
  send(move: FlowMove): Promise<FlowView | undefined>;
  cancel(): Promise<boolean>;
  /** Forgets the stored flow (after the final page, or to begin again). */
  forget(): void;
  /** Shows a view that came from elsewhere: another device's move (live view), or a flow resumed with a code. */
  adopt(view: FlowView, notice?: FlowError | null): void;
}

function defaultStorage(): TokenStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser: the flow then lives as long as the page
  }
}

/** The registration flow as React state: token, current view, pending move, conflicts and lost flows. */
export function useFlow(client: GuichetClient, options: UseFlowOptions = {}): FlowState {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const [view, setView] = useState<FlowView | null>(null);
  const [status, setStatus] = useState<"loading" | "ready">("loading");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<FlowError | null>(null);
  const [moves, setMoves] = useState(0);
  const viewRef = useRef<FlowView | null>(null);
  const busy = useRef(false);

  const show = useCallback(
    (next: FlowView | null) => {
      viewRef.current = next;
      setView(next);
      if (!next) return;
      // A finished or abandoned flow cannot be resumed: the next visit starts afresh.
      if (next.status === "active") storage?.setItem(flowTokenKey, next.token);
      else storage?.removeItem(flowTokenKey);
    },
    [storage],
  );

  const forget = useCallback(() => {
    storage?.removeItem(flowTokenKey);
    viewRef.current = null;
    setView(null);
  }, [storage]);

  const fail = useCallback(
    async (e: unknown) => {
      const err = flowError(e);
      setError(err);
      if (err.kind === "notFound") forget();
      if (err.kind === "conflict" && viewRef.current) {
        // Someone moved the flow on another device: show where it is now.
        try {
          show(await client.flow.get.mutate({ token: viewRef.current.token }));
        } catch (again) {
          const e2 = flowError(again);
          if (e2.kind === "notFound") forget();
        }
      }
      setMoves((n) => n + 1);
    },
    [client, forget, show],
  );

  const run = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setPending(true);
      try {
        const result = await work();
        setError(null);
        setMoves((n) => n + 1);
        return result;
      } catch (e) {
        await fail(e);
        return undefined;
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [fail],
  );

  // "Créer mon espace" and VALIDER cost a proof of work, solved ahead (home page, earlier steps) in a worker.
  const open = options.open;
  const startFlow = useCallback(
    () => (open ? open() : withProofOfWork(client, "start", (pow) => client.flow.start.mutate(pow ? { pow } : undefined))),
    [client, open],
  );

  const start = useCallback(async () => {
    await run(async () => show(await startFlow()));
    setStatus("ready");
  }, [run, show, startFlow]);

  const send = useCallback(
    (move: FlowMove) =>
      run(async () => {
        const current = viewRef.current;
        if (!current) throw new Error("no flow");
        const next =
          current.step === "captcha" && move.type === "NEXT"
            ? await withProofOfWork(client, "validate", (pow) =>
                client.flow.send.mutate({ token: current.token, version: current.version, move, ...(pow ? { pow } : {}) }),
              )
            : await client.flow.send.mutate({ token: current.token, version: current.version, move });
        show(next);
        return next;
      }),
    [client, run, show],
  );

  const cancel = useCallback(async () => {
    const done = await run(async () => {
      const current = viewRef.current;
      if (current) show(await client.flow.cancel.mutate({ token: current.token, version: current.version }));
      forget();
      return true;
    });
    return done === true;
  }, [client, run, show, forget]);

  // On load: come back to the stored flow, or start one when asked to.
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    const token = storage?.getItem(flowTokenKey);
    void (async () => {
      if (token) {
        try {
          show(await client.flow.get.mutate({ token }));
        } catch (e) {
          const err = flowError(e);
          setError(err);
          if (err.kind === "notFound") forget();
        }
      } else if (options.autoStart || open) {
        try {
          show(await startFlow());
        } catch (e) {
          setError(flowError(e));
        }
      }
      setStatus("ready");
    })();
  }, [client, storage, options.autoStart, open, show, forget, startFlow]);

  // While the citizen reads and types the earlier steps, VALIDER's proof of work is solved in the background.
  const active = view?.status === "active";
  const signUp = view?.kind === "registration";
  useEffect(() => {
    if (active && signUp) prepareProofOfWork(client, "validate");
  }, [client, active, signUp, view?.version]);

  // Back to a tab left open: if the flow moved on elsewhere, follow it and say so.
  useEffect(() => {
    if (typeof document === "undefined") return;
    const onVisible = async () => {
      const current = viewRef.current;
      if (document.visibilityState !== "visible" || !current || current.status !== "active" || busy.current) return;
      try {
        const fresh = await client.flow.get.mutate({ token: current.token });
        if (fresh.version !== current.version) {
          show(fresh);
          setError({ kind: "conflict", message: fr.errors.conflict });
          setMoves((n) => n + 1);
        }
      } catch (e) {
        if (flowError(e).kind === "notFound") await fail(e);
      }
    };
    const listener = () => void onVisible();
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  }, [client, show, fail]);

  const adopt = useCallback(
    (next: FlowView, notice: FlowError | null = null) => {
      show(next);
      setError(notice);
      setStatus("ready");
      setMoves((n) => n + 1);
    },
    [show],
  );

  return { view, status, pending, error, moves, start, send, cancel, forget, adopt };
}
