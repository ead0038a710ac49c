import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startFranceConnectDev, type DevProvider } from "../src/index";

const redirectUri = "http://127.0.0.1:9/callback";
let provider: DevProvider;

beforeAll(async () => {
  provider = await startFranceConnectDev({ clients: [{ clientId: "c", clientSecret: "s", redirectUris: [redirectUri] }] });
});
afterAll(() => provider.close());

describe("the local FranceConnect provider", () => {
  it("publishes FranceConnect's scopes, eidas1 and a signing key", async () => {
    const discovery = await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["openid", "birthplace", "birthcountry", "preferred_username"]));
    expect(discovery.acr_values_supported).toEqual(["eidas1"]);
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256" });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it("shows a French page listing the fictional citizens, and sends back a code", async () => {
    const auth = new URL(`${provider.issuer}/auth`);
    auth.search = new URLSearchParams({
      client_id: "c",
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "openid given_name",
      state: "st",
      nonce: "no",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      acr_values: "eidas1",
    }).toString();
    const first = await fetch(auth, { redirect: "manual" });
    const page = await fetch(new URL(first.headers.get("location")!, provider.issuer), {
      headers: {
        cookie: first.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      },
    });
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("BOYET");
    const back = await signInAs(auth, "fc-dev-marc-boyet");
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("st");
    expect(back.searchParams.get("code")).toBeTruthy();
  });

  it("sends back access_denied when the citizen cancels", async () => {
    const auth = new URL(`${provider.issuer}/auth`);
    auth.search = new URLSearchParams({
      client_id: "c",
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "openid",
      state: "st2",
      nonce: "no",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }).toString();
    const back = await signInAs(auth, "", { cancel: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
  });

  it("refuses to start in production", async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await expect(startFranceConnectDev({ clients: [] })).rejects.toThrow(/NODE_ENV=production/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
