import { flowError } from "@guichet/client";
import { fr } from "@guichet/schema";
import { ui } from "../catalogue";

/**
 * What a field says when its lookup failed: the server's own French sentence when it refused the call
 * (too many lookups: "Trop de demandes en peu de temps. Veuillez réessayer dans 2 minutes."), or, for a
 * dropped connection or a fault, a sentence that says what to do. Never a technical message.
 */
export function lookupFailure(error: unknown): string {
  const { message } = flowError(error);
  return message === fr.errors.internal ? ui.lookupFailed : message;
}
