/** FranceConnect's settings; absent when the feature is off. */
export interface FranceConnectSettings {
  /** The provider's issuer, e.g. https://fcp-low.sbx.dev-franceconnect.fr/api/v2 (integration); discovery is read from it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered with FranceConnect for this service. */
  redirectUri: string;
  /** Where FranceConnect sends the citizen back after logging out (end-session). */
  postLogoutRedirectUri?: string;
  scopes: string;
  /** Bound on each request to the provider, in seconds. */
  timeoutSeconds: number;
  /** The ID token's signature algorithm chosen at registration; RS256 when absent. */
  idTokenSigningAlg?: SigningAlg;
  /** When FranceConnect serves userinfo signed (application/jwt), its algorithm; plain JSON when absent. */
  userinfoSigningAlg?: SigningAlg;
}

export type SigningAlg = "RS256" | "ES256";
const signingAlgs: readonly string[] = ["RS256", "ES256"];

export const defaultFranceConnectScopes = "openid given_name family_name birthdate gender birthplace birthcountry preferred_username email";

/** A setting that is present but unusable: the server refuses to start rather than offer a broken button. */
export class FranceConnectSettingsError extends Error {
  override readonly name = "FranceConnectSettingsError";
}

/**
 * Reads FRANCECONNECT_* from the environment. None of FRANCECONNECT_ISSUER, _CLIENT_ID, _CLIENT_SECRET
 * set: the feature is off (undefined). Some but not all, or a malformed value: an error.
 */
export function franceConnectSettingsFromEnv(env: Record<string, string | undefined>): FranceConnectSettings | undefined {
  const issuer = env.FRANCECONNECT_ISSUER?.trim() ?? "";
  const clientId = env.FRANCECONNECT_CLIENT_ID?.trim() ?? "";
  const clientSecret = env.FRANCECONNECT_CLIENT_SECRET ?? "";
  if (issuer === "" && clientId === "" && clientSecret === "") return undefined;
  const absent = [
    ["FRANCECONNECT_ISSUER", issuer],
    ["FRANCECONNECT_CLIENT_ID", clientId],
    ["FRANCECONNECT_CLIENT_SECRET", clientSecret],
    ["FRANCECONNECT_REDIRECT_URI", env.FRANCECONNECT_REDIRECT_URI?.trim() ?? ""],
  ]
    .filter(([, value]) => value === "")
    .map(([name]) => name);
  if (absent.length > 0) throw new FranceConnectSettingsError(`FranceConnect is half configured: set ${absent.join(", ")} too, or none of FRANCECONNECT_*`);
  const redirectUri = env.FRANCECONNECT_REDIRECT_URI!.trim();
  for (const [name, value] of [
    ["FRANCECONNECT_ISSUER", issuer],
    ["FRANCECONNECT_REDIRECT_URI", redirectUri],
    ["FRANCECONNECT_POST_LOGOUT_REDIRECT_URI", env.FRANCECONNECT_POST_LOGOUT_REDIRECT_URI?.trim() ?? ""],
  ] as const) {
    if (value === "") continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new FranceConnectSettingsError(`${name} must be a URL, not "${value}"`);
    }
    if (url.protocol !== "https:" && !isLoopback(url)) throw new FranceConnectSettingsError(`${name} must be https (http only on 127.0.0.1 or localhost)`);
  }
  const scopes = (env.FRANCECONNECT_SCOPES?.trim() || defaultFranceConnectScopes).split(/\s+/);
  if (!scopes.includes("openid")) throw new FranceConnectSettingsError("FRANCECONNECT_SCOPES must include openid");
  const timeout = Number(env.FRANCECONNECT_TIMEOUT_SECONDS ?? 5);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 60)
    throw new FranceConnectSettingsError("FRANCECONNECT_TIMEOUT_SECONDS must be a number of seconds between 0 and 60");
  const postLogout = env.FRANCECONNECT_POST_LOGOUT_REDIRECT_URI?.trim();
  const idTokenAlg = env.FRANCECONNECT_ID_TOKEN_ALG?.trim() || "RS256";
  const userinfoAlg = env.FRANCECONNECT_USERINFO_ALG?.trim() ?? "";
  if (!signingAlgs.includes(idTokenAlg)) throw new FranceConnectSettingsError("FRANCECONNECT_ID_TOKEN_ALG must be RS256 or ES256");
  if (userinfoAlg !== "" && !signingAlgs.includes(userinfoAlg))
    throw new FranceConnectSettingsError("FRANCECONNECT_USERINFO_ALG must be RS256, ES256 or empty (plain JSON)");
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    ...(postLogout ? { postLogoutRedirectUri: postLogout } : {}),
    scopes: scopes.join(" "),
    timeoutSeconds: timeout,
    idTokenSigningAlg: idTokenAlg as SigningAlg,
    ...(userinfoAlg ? { userinfoSigningAlg: userinfoAlg as SigningAlg } : {}),
  };
}

export function isLoopback(url: URL): boolean {
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
}
