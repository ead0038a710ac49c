import { describe, expect, it } from "vitest";
import { defaultFranceConnectScopes, franceConnectSettingsFromEnv, FranceConnectSettingsError } from "./config";

const complete = {
  FRANCECONNECT_ISSUER: "https://fcp-low.sbx.dev-franceconnect.fr/api/v2",
  FRANCECONNECT_CLIENT_ID: "id",
  FRANCECONNECT_CLIENT_SECRET: "secret",
  FRANCECONNECT_REDIRECT_URI: "https://guichet.example.fr/franceconnect/callback",
};

describe("franceConnectSettingsFromEnv", () => {
  it("turns the feature off when nothing is set", () => {
    expect(franceConnectSettingsFromEnv({})).toBeUndefined();
    expect(franceConnectSettingsFromEnv({ FRANCECONNECT_SCOPES: "openid" })).toBeUndefined();
  });
  it("reads a complete configuration, with FranceConnect's scopes and a 5 s bound by default", () => {
    expect(franceConnectSettingsFromEnv(complete)).toEqual({
      issuer: complete.FRANCECONNECT_ISSUER,
      clientId: "id",
      clientSecret: "secret",
      redirectUri: complete.FRANCECONNECT_REDIRECT_URI,
      scopes: defaultFranceConnectScopes,
      timeoutSeconds: 5,
      idTokenSigningAlg: "RS256",
    });
    expect(franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_ID_TOKEN_ALG: "ES256", FRANCECONNECT_USERINFO_ALG: "ES256" })).toMatchObject({
      idTokenSigningAlg: "ES256",
      userinfoSigningAlg: "ES256",
    });
    expect(franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_SCOPES: " openid  given_name " })?.scopes).toBe("openid given_name");
  });
  it("refuses half a configuration, naming what is missing", () => {
    expect(() => franceConnectSettingsFromEnv({ FRANCECONNECT_ISSUER: complete.FRANCECONNECT_ISSUER })).toThrow(
      new FranceConnectSettingsError(
        "FranceConnect is half configured: set FRANCECONNECT_CLIENT_ID, FRANCECONNECT_CLIENT_SECRET, FRANCECONNECT_REDIRECT_URI too, or none of FRANCECONNECT_*",
      ),
    );
  });
  it("refuses plain http away from this machine, scopes without openid and a silly timeout", () => {
    expect(() => franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_ISSUER: "http://fc.example.fr" })).toThrow(/https/);
    expect(() => franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_REDIRECT_URI: "not a url" })).toThrow(/must be a URL/);
    expect(franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_ISSUER: "http://127.0.0.1:4010" })?.issuer).toBe("http://127.0.0.1:4010");
    expect(() => franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_SCOPES: "given_name" })).toThrow(/openid/);
    expect(() => franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_TIMEOUT_SECONDS: "0" })).toThrow(/TIMEOUT/);
    expect(() => franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_ID_TOKEN_ALG: "none" })).toThrow(/ID_TOKEN_ALG/);
    expect(() => franceConnectSettingsFromEnv({ ...complete, FRANCECONNECT_USERINFO_ALG: "HS256" })).toThrow(/USERINFO_ALG/);
  });
});
