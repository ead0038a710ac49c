import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  FranceConnectError,
  franceConnectAccountLogin,
  limitedAddress,
  type FranceConnect,
  type FranceConnectLogin,
  type FranceConnectSentence,
} from "@guichet/api";
import type { Guichet } from "./guichet";
import { sessionCookie } from "./sessionCookie";

/** The pages the routes send the citizen back to; a failure adds `#franceconnect=<sentence>`, which the page says in French. */
const SIGNUP_PAGE = "/inscription";
const LOGIN_PAGE = "/";
const MY_SPACE = "/mon-espace";

/** A form's body: a purpose and a flow token, nothing larger. */
const FORM_LIMIT = 2048;

type Purpose = "signup" | "login";

/**
 * "S’identifier avec FranceConnect", on the web: `POST /franceconnect/login` (the flow's token in the form's body,
 * never in a URL) sends the citizen to FranceConnect; `GET /franceconnect/callback` brings the identity back into
 * the flow that asked (IDENTITÉ filled and locked), or opens the espace given that identity at sign-up.
 *
 * The callback must come back to the browser that left: a cookie (SameSite=Lax, so FranceConnect's redirection
 * carries it) holds the login's `state`, and a callback whose `state` is not that one is refused before anything
 * is redeemed; nobody can push their own FranceConnect identity into someone else's flow, nor the other way round.
 */
export async function franceConnectRoutes(app: FastifyInstance, guichet: Guichet, franceConnect: FranceConnect): Promise<void> {
  const { services, settings } = guichet;
  const secure = settings.publicUrl.startsWith("https://");
  const binding = {
    name: secure ? "__Host-guichet_franceconnect" : "guichet_franceconnect",
    options: { path: "/", httpOnly: true, sameSite: "lax" as const, secure, maxAge: 600 },
  };
  const session = sessionCookie(settings.publicUrl);
  const log = (line: string) => console.warn(line);
  const back = (reply: FastifyReply, page: string, sentence?: FranceConnectSentence | string) =>
    reply.header("cache-control", "no-store").redirect(sentence ? `${page}#franceconnect=${sentence}` : page, 303);

  await app.register(async (scope) => {
    // An HTML form's body: the page posts it, and the browser follows the redirection to FranceConnect.
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: FORM_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.post("/franceconnect/login", { bodyLimit: FORM_LIMIT }, async (request, reply) => {
      const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const purpose: Purpose = body.purpose === "login" ? "login" : "signup";
      const page = purpose === "login" ? LOGIN_PAGE : SIGNUP_PAGE;
      // Another site's page may not start a login in this browser (it would bind a stranger's identity to its flow).
      if (!fromThisSite(request))
        return reply
          .status(403)
          .header("cache-control", "no-store")
          .send({ error: { message: "Requête refusée.", code: 403 } });
      const client = session.client(request, reply);
      const wait = await services.abuse.franceConnect("login", { ip: client.ip, device: client.device });
      if (wait > 0) return back(reply, page, "tooMany");

      let target: string;
      if (purpose === "login") {
        target = franceConnectAccountLogin;
      } else {
        const token = typeof body.token === "string" && body.token.length <= 200 ? body.token : "";
        const flowId = token ? await services.flows.idOf(token) : undefined;
        if (!flowId) return back(reply, page, "flow");
        target = flowId;
      }
      let url: URL;
      try {
        url = await franceConnect.beginLogin(target);
      } catch (error) {
        if (error instanceof FranceConnectError) return back(reply, page, purpose === "login" ? "failed" : error.sentence);
        throw error;
      }
      const state = url.searchParams.get("state") ?? "";
      void reply.setCookie(binding.name, `${purpose === "login" ? "l" : "s"}.${digest(state)}`, binding.options);
      return reply.header("cache-control", "no-store").redirect(url.href, 303);
    });

    scope.get("/franceconnect/callback", async (request, reply) => {
      const wait = await services.abuse.franceConnect("callback", { ip: limitedAddress(request.ip) });
      const bound = request.cookies[binding.name] ?? "";
      void reply.clearCookie(binding.name, binding.options);
      const purpose: Purpose = bound.startsWith("l.") ? "login" : "signup";
      const page = purpose === "login" ? LOGIN_PAGE : SIGNUP_PAGE;
      if (wait > 0) return back(reply, page, "tooMany");

      const callbackUrl = new URL(request.url, settings.franceConnect!.redirectUri);
      const state = callbackUrl.searchParams.get("state") ?? "";
      if (!state || bound.slice(2) !== digest(state)) {
        // The login is left to expire: a stranger's callback must not spend the citizen's.
        log(`franceconnect: login refused (state) flow=- issuer=${settings.franceConnect!.issuer}: callback from another browser than the one that started it`);
        return back(reply, page, purpose === "login" ? "failed" : "state");
      }

      let login: FranceConnectLogin;
      try {
        login = await franceConnect.completeLogin(callbackUrl);
      } catch (error) {
        // completeLogin wrote the operator's line (no code, state nor token in it).
        if (error instanceof FranceConnectError) return back(reply, page, purpose === "login" ? "failed" : error.sentence);
        throw error;
      }

      if (login.purpose === "login") {
        const result = await services.account.loginWithFranceConnect(login.sub, login.idToken);
        if (!result.ok) return back(reply, LOGIN_PAGE, result.reason);
        session.client(request, reply).setSessionToken(result.sessionToken);
        return back(reply, MY_SPACE);
      }

      const identity = Object.fromEntries(Object.entries(login.identity.values).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
      const delivered = await services.flows.deliver(login.flowId, {
        type: "FRANCECONNECT",
        certified: { sub: login.sub, identity, ...(login.identity.birthplaceAsSent ? { birthplaceAsSent: login.identity.birthplaceAsSent } : {}) },
        ...(login.identity.email ? { email: login.identity.email } : {}),
      });
      if (!delivered) {
        log(`franceconnect: identity not taken flow=${login.flowId}: the flow is gone, ended or past IDENTITÉ`);
        return back(reply, SIGNUP_PAGE, "flow");
      }
      return back(reply, SIGNUP_PAGE);
    });
  });
}

/** The cookie holds the state's digest, not the state: the same value is never in two places. */
const digest = (state: string) => createHash("sha256").update(state).digest("base64url");

/**
 * A form posted by this site's own page. Browsers say where a request comes from: Sec-Fetch-Site (every current
 * browser), else Origin, which is "null" for a form posted under this site's no-referrer policy, so it proves
 * nothing either way. A client that says nothing (a script, a very old browser) is no other site's page.
 */
function fromThisSite(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none";
  const origin = request.headers.origin;
  if (typeof origin !== "string" || origin === "null") return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
