import { ui } from "../catalogue";

/**
 * What a field says when its lookup failed: the server's own French sentence when it refused the call
 * (too many lookups: "Trop de demandes en peu de temps. Veuillez réessayer dans 2 minutes."), or a
 * sentence of ours when the server could not be reached. Never a technical message.
 */
export function lookupFailure(error: unknown): string {
  const e = error as { data?: { code?: unknown } | null; message?: unknown } | null | undefined;
  const refused = e?.data?.code === "TOO_MANY_REQUESTS" && typeof e.message === "string" && e.message.length > 0;
  return refused ? (e.message as string) : ui.lookupFailed;
}
