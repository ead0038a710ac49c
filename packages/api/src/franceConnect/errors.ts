import { fr } from "@guichet/schema";

/** Why a FranceConnect login did not give an identity. */
export type FranceConnectFailure =
  /** The `state` is absent, unknown or already used: a forged, replayed or stale callback. */
  | "state"
  /** The login was started more than ten minutes ago. */
  | "expired"
  /** The citizen cancelled at FranceConnect, or FranceConnect refused the request. */
  | "cancelled"
  /** The authorization code was refused by the provider (already used, or not this request's). */
  | "code"
  /** The ID token failed a check: signature, issuer, audience, nonce, expiry, eIDAS level. */
  | "token"
  /** The provider could not be reached, or did not answer in time. */
  | "unavailable"
  /** The identity sent lacks a claim, or holds a value Guichet cannot map (an unknown INSEE code). */
  | "claims";

/** The sentence shown at IDENTITÉ for each failure: the citizen can always fill the form by hand (one catalogue with the pages). */
export const franceConnectMessages: Record<FranceConnectFailure, string> = fr.franceConnect.failures;

/** Which of the catalogue's sentences a page shows for a failure: the failure itself, or a finer one (the commune, the country). */
export type FranceConnectSentence = keyof typeof fr.franceConnect.failures;

/**
 * A FranceConnect login that failed. `message` is French, for the citizen at IDENTITÉ; `detail` is
 * for the operator's log, never shown, and never holds a code or a token.
 */
export class FranceConnectError extends Error {
  override readonly name = "FranceConnectError";
  constructor(
    readonly failure: FranceConnectFailure,
    readonly detail: string,
    message: string = franceConnectMessages[failure],
    /** The catalogue's sentence a page shows when it knows only this key (the callback redirects with it). */
    readonly sentence: FranceConnectSentence = failure,
  ) {
    super(message);
  }
}
