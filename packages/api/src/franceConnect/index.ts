export {
  createFranceConnect,
  franceConnectAccountLogin,
  franceConnectLoginLifetimeMs,
  type FranceConnect,
  type FranceConnectDeps,
  type FranceConnectLogin,
} from "./client";
export { defaultFranceConnectScopes, franceConnectSettingsFromEnv, FranceConnectSettingsError, type FranceConnectSettings } from "./config";
export { FranceConnectError, franceConnectMessages, type FranceConnectFailure, type FranceConnectSentence } from "./errors";
export { identityFromFranceConnect, loadFranceConnectReferences, type FranceConnectClaims, type FranceConnectIdentity } from "./mapIdentity";
