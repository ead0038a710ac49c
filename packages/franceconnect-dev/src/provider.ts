// The package ships no types: its declarations are kept beside this file, and other workspaces compile this one.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider.d.ts" />
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { citizens as defaultCitizens, type Citizen } from "./citizens";
import { loginPage } from "./loginPage";

/** FranceConnect's claims, one scope per claim as FranceConnect names them. */
export const franceConnectClaims = ["given_name", "family_name", "birthdate", "gender", "birthplace", "birthcountry", "preferred_username", "email"] as const;

export interface DevClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Serve this client's userinfo signed (application/jwt), as FranceConnect v2 can. */
  userinfoSignedResponseAlg?: "RS256";
}

export interface DevProviderOptions {
  /** 127.0.0.1 unless told: the stand-in is for this machine only. */
  host?: string;
  /** 0 for any free port. */
  port?: number;
  clients: DevClient[];
  citizens?: readonly Citizen[];
}

export interface DevProvider {
  /** The issuer URL, e.g. http://127.0.0.1:4010 (its discovery document is under /.well-known/openid-configuration). */
  issuer: string;
  citizens: readonly Citizen[];
  close(): Promise<void>;
}

/**
 * Starts a local OpenID provider that answers as FranceConnect does (authorization code with PKCE,
 * `acr_values=eidas1`, signed ID token, identity claims from userinfo), with a French page where one
 * picks a fictional citizen. Refuses to run in production.
 */
export async function startFranceConnectDev(options: DevProviderOptions): Promise<DevProvider> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("The local FranceConnect provider is for development and tests: it refuses to start with NODE_ENV=production.");
  }
  const host = options.host ?? "127.0.0.1";
  const people = options.citizens ?? defaultCitizens;
  const bySub = new Map(people.map((c) => [c.sub, c]));

  // The port is known once listening, and the issuer depends on it: listen first, then build the provider.
  const route: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => {
    if (route.handle) route.handle(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString("hex"), alg: "RS256", use: "sig" };

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "RS256",
      ...(c.userinfoSignedResponseAlg ? { userinfo_signed_response_alg: c.userinfoSignedResponseAlg } : {}),
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", ...franceConnectClaims],
    claims: Object.fromEntries([["openid", ["sub"]], ...franceConnectClaims.map((claim) => [claim, [claim]])]),
    acrValues: ["eidas1"],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true }, jwtUserinfo: { enabled: true } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const citizen = bySub.get(sub);
      if (!citizen) return undefined;
      return {
        accountId: sub,
        async claims() {
          const { description: _description, ...claims } = citizen;
          return claims;
        },
      };
    },
    ttl: { AccessToken: 60, AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
  });
  provider.on("server_error", (_ctx, error) => console.error("[franceconnect-dev]", error));

  const oidc = provider.callback();
  route.handle = (req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(path);
    if (!match) return oidc(req, res);
    interaction(req, res, match[2]).catch((error: unknown) => {
      console.error("[franceconnect-dev]", error);
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end("Cette demande de connexion a expiré ou n’existe pas. Recommencez depuis le service.");
    });
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET" && action === undefined) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(loginPage(details.uid, people));
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    if (action === "/abort") {
      await provider.interactionFinished(req, res, { error: "access_denied", error_description: "L’usager a annulé la connexion." });
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const sub = form.get("citizen") ?? "";
    if (!bySub.has(sub)) {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(loginPage(details.uid, people, "Choisissez une personne dans la liste."));
      return;
    }
    const clientId = String(details.params.client_id);
    const grant = new provider.Grant({ accountId: sub, clientId });
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: sub, acr: "eidas1" }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  return {
    issuer,
    citizens: people,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error("body too large");
  }
  return body;
}
