export { createFranceConnect, franceConnectLoginLifetimeMs, type FranceConnect, type FranceConnectDeps, type FranceConnectLogin } from "./client";
export { defaultFranceConnectScopes, franceConnectSettingsFromEnv, FranceConnectSettingsError, type FranceConnectSettings } from "./config";
export { FranceConnectError, franceConnectMessages, type FranceConnectFailure } from "./errors";
export { identityFromFranceConnect, type FranceConnectClaims, type FranceConnectIdentity } from "./mapIdentity";
