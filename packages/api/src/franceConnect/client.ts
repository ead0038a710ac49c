import { createHash } from "node:crypto";
import { franceConnectLoginRepository, type Runner } from "@guichet/db";
import type * as Oidc from "openid-client";
import { frenchDay } from "../clock";
import { isLoopback, type FranceConnectSettings } from "./config";
import { FranceConnectError, type FranceConnectFailure, type FranceConnectSentence } from "./errors";
import { identityFromFranceConnect, type FranceConnectClaims, type FranceConnectIdentity } from "./mapIdentity";

/** How long a started login may wait for its callback. */
export const franceConnectLoginLifetimeMs = 10 * 60_000;

export interface FranceConnectDeps {
  settings: FranceConnectSettings;
  db: Runner;
  now?: () => Date;
  /** The operator's log; gets one line per failed login, never a code, a state or a token. */
  log?: (line: string) => void;
}

/** What `beginLogin` is given instead of a flow id when the citizen logs in to an existing espace. */
export const franceConnectAccountLogin = "login";

export interface FranceConnectLogin {
  /** A sign-up's identity (`flow`), or a login to an existing espace (`login`). */
  purpose: "flow" | "login";
  /** The flow that started the login: the callback's identity belongs to it and to no other ("login" for a login). */
  flowId: string;
  /** FranceConnect's stable identifier of the citizen for this service. */
  sub: string;
  identity: FranceConnectIdentity;
  /** For end-session at logout (`id_token_hint`): keep it server-side with the session, never log it. */
  idToken: string;
}

export interface FranceConnect {
  /**
   * The URL to send the citizen to; what the callback needs is kept server-side, bound to `flowId` (or to
   * {@link franceConnectAccountLogin} for a login to an espace), for ten minutes.
   */
  beginLogin(flowId: string): Promise<URL>;
  /** Checks the callback, redeems the code once, verifies the ID token and maps the identity; throws {@link FranceConnectError}. */
  completeLogin(callbackUrl: string | URL): Promise<FranceConnectLogin>;
  /** FranceConnect's end-session URL for a citizen who logged in with it. */
  logoutUrl(idToken: string, state: string): Promise<URL>;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// openid-client (and jose) load with the first FranceConnect login, not at start.
let openidClient: typeof Oidc | undefined;
async function loadOpenidClient(): Promise<typeof Oidc> {
  openidClient ??= await import("openid-client");
  return openidClient;
}

export function createFranceConnect({ settings, db, now = () => new Date(), log = console.warn }: FranceConnectDeps): FranceConnect {
  const logins = franceConnectLoginRepository(db);
  let discovered: Promise<Oidc.Configuration> | undefined;

  /** Discovery once per process; a failure is not kept, so the next citizen tries again. */
  function configuration(): Promise<Oidc.Configuration> {
    discovered ??= loadOpenidClient()
      .then((oidc) =>
        oidc.discovery(
          new URL(settings.issuer),
          settings.clientId,
          {
            id_token_signed_response_alg: settings.idTokenSigningAlg ?? "RS256",
            ...(settings.userinfoSigningAlg ? { userinfo_signed_response_alg: settings.userinfoSigningAlg } : {}),
          },
          oidc.ClientSecretPost(settings.clientSecret),
          {
            timeout: settings.timeoutSeconds,
            // The ID token's signature is checked against the provider's JWKS, not only trusted from TLS.
            execute: [oidc.enableNonRepudiationChecks, ...(isLoopback(new URL(settings.issuer)) ? [oidc.allowInsecureRequests] : [])],
          },
        ),
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  function fail(
    failure: FranceConnectFailure,
    flowId: string | undefined,
    detail: string,
    secrets: string[],
    message?: string,
    sentence?: FranceConnectSentence,
  ): never {
    let line = `franceconnect: login refused (${failure}) flow=${flowId ?? "-"} issuer=${settings.issuer}: ${detail}`;
    for (const secret of secrets) if (secret.length >= 8) line = line.split(secret).join("[…]");
    log(line);
    throw new FranceConnectError(failure, detail, message, sentence);
  }

  return {
    async beginLogin(flowId) {
      const oidc = await loadOpenidClient();
      if (!/^[\w-]{1,36}$/.test(flowId)) throw new TypeError("beginLogin needs a flow id");
      let config: Oidc.Configuration;
      try {
        config = await configuration();
      } catch (error) {
        fail("unavailable", flowId, `discovery failed: ${describe(error)}`, []);
      }
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      await logins.insert(sha256(state), { flowId, nonce, codeVerifier, expiresAt: new Date(now().getTime() + franceConnectLoginLifetimeMs) });
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        acr_values: "eidas1",
        prompt: "login",
      });
    },

    async completeLogin(callbackUrl) {
      const oidc = await loadOpenidClient();
      const url = new URL(callbackUrl);
      const state = url.searchParams.get("state") ?? "";
      const code = url.searchParams.get("code") ?? "";
      const secrets = [state, code];
      if (state === "") fail("state", undefined, "callback without state", secrets);
      const login = await logins.take(sha256(state));
      if (!login) fail("state", undefined, "unknown or already used state", secrets);
      const flowId = login.flowId;
      secrets.push(login.nonce, login.codeVerifier);
      if (login.expiresAt.getTime() <= now().getTime()) fail("expired", flowId, "login older than its lifetime", secrets);
      const providerError = url.searchParams.get("error");
      if (providerError !== null) fail("cancelled", flowId, `provider answered error=${providerError.slice(0, 40)}`, secrets);
      if (code === "") fail("code", flowId, "callback without code", secrets);

      let config: Oidc.Configuration;
      try {
        config = await configuration();
      } catch (error) {
        fail("unavailable", flowId, `discovery failed: ${describe(error)}`, secrets);
      }

      let tokens: Awaited<ReturnType<typeof Oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(
          config,
          url,
          { pkceCodeVerifier: login.codeVerifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true },
          { redirect_uri: settings.redirectUri },
        );
      } catch (error) {
        fail(grantFailure(error), flowId, `token request failed: ${describe(error)}`, secrets);
      }
      const idToken = tokens.id_token ?? "";
      secrets.push(tokens.access_token, idToken);
      const idClaims = tokens.claims();
      if (!idClaims) fail("token", flowId, "no ID token", secrets);
      if (idClaims.acr !== "eidas1") fail("token", flowId, `acr is ${String(idClaims.acr).slice(0, 20)}, not eidas1`, secrets);

      let claims: FranceConnectClaims;
      try {
        claims = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (error) {
        fail(isUnreachable(error) ? "unavailable" : "token", flowId, `userinfo failed: ${describe(error)}`, secrets);
      }
      try {
        return {
          purpose: flowId === franceConnectAccountLogin ? "login" : "flow",
          flowId,
          sub: idClaims.sub,
          identity: identityFromFranceConnect(claims, frenchDay(now())),
          idToken,
        };
      } catch (error) {
        if (error instanceof FranceConnectError) fail(error.failure, flowId, error.detail, secrets, error.message, error.sentence);
        throw error;
      }
    },

    async logoutUrl(idToken, state) {
      const oidc = await loadOpenidClient();
      const config = await configuration();
      return oidc.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        state,
        ...(settings.postLogoutRedirectUri ? { post_logout_redirect_uri: settings.postLogoutRedirectUri } : {}),
      });
    },
  };
}

function grantFailure(error: unknown): FranceConnectFailure {
  if (isUnreachable(error)) return "unavailable";
  if (openidClient && error instanceof openidClient.ResponseBodyError) return "code";
  if (openidClient && error instanceof openidClient.AuthorizationResponseError) return "cancelled";
  return "token";
}

function isUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return true;
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true;
    if ("code" in e && typeof e.code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|UND_ERR_)/.test(e.code)) return true;
  }
  return false;
}

/** The error's kind and message for the operator: names and codes, no response body. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const code = "code" in error && typeof error.code === "string" ? ` [${error.code}]` : "";
  const oauth = openidClient && error instanceof openidClient.ResponseBodyError ? ` error=${error.error}` : "";
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message.slice(0, 120)})` : "";
  return `${error.name}${code}${oauth}: ${error.message.slice(0, 200)}${cause}`;
}
