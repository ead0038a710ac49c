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

/** The sentence shown at IDENTITÉ for each failure: the citizen can always fill the form by hand. */
export const franceConnectMessages: Record<FranceConnectFailure, string> = {
  state: "La connexion avec FranceConnect n’a pas pu être vérifiée. Recommencez, ou saisissez votre identité ci-dessous.",
  expired: "La connexion avec FranceConnect a pris trop de temps et a expiré. Recommencez, ou saisissez votre identité ci-dessous.",
  cancelled: "La connexion avec FranceConnect a été annulée. Vous pouvez recommencer, ou saisir votre identité ci-dessous.",
  code: "La connexion avec FranceConnect n’a pas pu être vérifiée. Recommencez, ou saisissez votre identité ci-dessous.",
  token: "L’identité transmise par FranceConnect n’a pas pu être vérifiée. Recommencez, ou saisissez votre identité ci-dessous.",
  unavailable: "FranceConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou saisissez votre identité ci-dessous.",
  claims: "L’identité transmise par FranceConnect est incomplète ou n’a pas pu être reprise. Saisissez votre identité ci-dessous.",
};

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
  ) {
    super(message);
  }
}
