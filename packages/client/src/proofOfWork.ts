import { useEffect } from "react";
import { TRPCClientError } from "@trpc/client";
import type { GuichetClient } from "./createGuichetClient";

/** What a solution is for: each kind is solved ahead of its button, one at a time. */
export type PowPurpose = "start" | "validate" | "mail";

interface Prepared {
  /** Undefined when the check is off (GUICHET_CAPTCHA=off): the call then sends no `pow`. */
  pow: Promise<string | undefined>;
  /** Epoch milliseconds after which the server refuses it; Infinity when off. */
  expiresAt: number;
}

// Solved ahead, one per purpose, for the whole page: the home page solves "Créer mon espace" for the sign-up page.
const ready = new Map<PowPurpose, Prepared>();
// A solution kept longer than this is solved again before use: the challenge lives 10 minutes.
const MARGIN_MS = 60_000;

interface WireChallenge {
  readonly parameters: { readonly expiresAt?: number };
}

/** Fetches a challenge and solves it in a worker, off the page's thread; base64 JSON, as ALTCHA's widget sends it. */
function solve(client: GuichetClient): Prepared {
  const prepared: Prepared = { expiresAt: Infinity, pow: Promise.resolve(undefined) };
  prepared.pow = (async () => {
    const challenge = (await client.pow.challenge.mutate()) as WireChallenge | null;
    if (!challenge) return undefined;
    prepared.expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
    const worker = new Worker(new URL("./powWorker.ts", import.meta.url), { type: "module" });
    try {
      const solution = await new Promise<unknown>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent) => (e.data && (e.data as { error?: unknown }).error ? reject(new Error("pow")) : resolve(e.data));
        worker.onerror = () => reject(new Error("pow"));
        worker.postMessage({ type: "work", challenge, counterStart: 0, counterStep: 1 });
      });
      if (!solution) throw new Error("pow");
      return btoa(JSON.stringify({ challenge, solution }));
    } finally {
      worker.terminate();
    }
  })();
  // A failure here is met again when the solution is taken, and said then.
  prepared.pow.catch(() => ready.forEach((p, k) => p === prepared && ready.delete(k)));
  return prepared;
}

const fresh = (p: Prepared | undefined) => p !== undefined && p.expiresAt - MARGIN_MS > Date.now();

/** Starts solving for `purpose` in the background, unless a fresh solution is ready or on its way. */
export function prepareProofOfWork(client: GuichetClient, purpose: PowPurpose): void {
  if (typeof Worker === "undefined") return;
  if (!fresh(ready.get(purpose))) ready.set(purpose, solve(client));
}

/** The solution for `purpose`: the one prepared if still fresh, else one solved now. Each is used once. */
async function take(client: GuichetClient, purpose: PowPurpose): Promise<string | undefined> {
  const prepared = ready.get(purpose);
  ready.delete(purpose);
  return (fresh(prepared) ? prepared! : solve(client)).pow;
}

const refusedForPow = (e: unknown) => e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === "PRECONDITION_REQUIRED";

/**
 * Runs a call that costs a proof of work. Refused for it (expired, spent elsewhere), it silently
 * solves a new one and tries once more; a second refusal reaches the page with the server's French sentence.
 */
export async function withProofOfWork<T>(client: GuichetClient, purpose: PowPurpose, call: (pow: string | undefined) => Promise<T>): Promise<T> {
  try {
    return await call(await take(client, purpose));
  } catch (e) {
    if (!refusedForPow(e)) throw e;
    ready.delete(purpose);
    return call(await take(client, purpose));
  }
}

/** Solves for `purpose` while `active`, so the button it serves never waits. Nothing shows: no barrier for anyone. */
export function useProofOfWork(client: GuichetClient, purpose: PowPurpose, active = true): void {
  useEffect(() => {
    if (active) prepareProofOfWork(client, purpose);
  }, [client, purpose, active]);
}
