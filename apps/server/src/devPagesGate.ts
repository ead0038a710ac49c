import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import type { FastifyInstance } from "fastify";

export const DEV_PREFIX = "/dev/";

/**
 * Is the request from this machine? Judged by the socket's own address, never by X-Forwarded-For (which a
 * client writes); a request that a proxy forwarded (it names a client) comes from elsewhere even when the
 * proxy itself sits on this machine.
 */
export function fromThisMachine(req: IncomingMessage): boolean {
  if (req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined) return false;
  const address = (req.socket.remoteAddress ?? "").replace(/^::ffff:/i, "");
  return address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
}

/**
 * The developer pages (mailbox with activation links and codes, flows, inspector) answer this machine only,
 * unless GUICHET_DEV_PAGES=open: anyone else is told they don't exist.
 */
export function guardDevPages(app: FastifyInstance, open: boolean) {
  if (open) return;
  app.addHook("onRequest", async (request, reply) => {
    // The route matched, not the raw URL: an encoded spelling of /dev/ reaches the same pages.
    const route = request.routeOptions.url ?? "";
    const path = request.url.split("?")[0]!;
    if (!(route.startsWith(DEV_PREFIX) || path === "/dev" || path.startsWith(DEV_PREFIX))) return;
    if (!fromThisMachine(request.raw)) return reply.status(404).send({ error: { message: "Page introuvable.", code: 404 } });
  });
}
