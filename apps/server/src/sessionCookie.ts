import { randomBytes } from "node:crypto";
import { limitedAddress, type ClientPort } from "@guichet/api";
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
  const device = deviceCookie(secure);
  return {
    name,
    /** The device's id when the request's cookie names one; sets nothing. */
    knownDevice: (req: FastifyRequest) => device.known(req),
    /** What a tRPC call may do with the cookie, for the request at hand. */
    client(req: FastifyRequest, reply: FastifyReply): ClientPort {
      let id: string | undefined;
      return {
        ip: limitedAddress(req.ip),
        // Read (and set when new) only by the calls that are throttled per device.
        get device() {
          return (id ??= device.of(req, reply));
        },
        get knownDevice() {
          return device.known(req);
        },
        sessionToken: () => req.cookies[name],
        setSessionToken: (token) => void reply.setCookie(name, token, options),
        clearSessionToken: () => void reply.clearCookie(name, options),
      };
    },
  };
}

const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The device's cookie: a random id (no personal data) so that throttles count a kiosk or a browser
 * before its address, and one person's mistakes at a kiosk don't lock out the others behind the same
 * address. Set at the first call that lacks it; kept a year (a kiosk keeps its id).
 */
export function deviceCookie(secure: boolean) {
  const name = secure ? "__Host-guichet_device" : "guichet_device";
  const options = { path: "/", httpOnly: true, sameSite: "strict" as const, secure, maxAge: 365 * 86_400 };
  return {
    name,
    /** The id the request's cookie names, if it is one of ours; sets nothing. */
    known(req: FastifyRequest): string | undefined {
      const known = req.cookies[name];
      return known && DEVICE_ID.test(known) ? known : undefined;
    },
    of(req: FastifyRequest, reply: FastifyReply): string {
      const known = this.known(req);
      if (known) return known;
      const id = randomBytes(16).toString("base64url");
      void reply.setCookie(name, id, options);
      return id;
    },
  };
}
