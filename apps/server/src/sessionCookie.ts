import type { ClientPort } from "@guichet/api";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The login session's cookie: httpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Secure with the `__Host-` prefix when the portal is served over HTTPS. No Max-Age: it
 * ends with the browser, and the server ends it sooner (2 hours idle, 12 hours at most).
 */
export function sessionCookie(publicUrl: string) {
  const secure = publicUrl.startsWith("https://");
  const name = secure ? "__Host-guichet_session" : "guichet_session";
  const options = { path: "/", httpOnly: true, sameSite: "strict" as const, secure };
  return {
    name,
    /** What a tRPC call may do with the cookie, for the request at hand. */
    client(req: FastifyRequest, reply: FastifyReply): ClientPort {
      return {
        ip: req.ip,
        sessionToken: () => req.cookies[name],
        setSessionToken: (token) => void reply.setCookie(name, token, options),
        clearSessionToken: () => void reply.clearCookie(name, options),
      };
    },
  };
}
