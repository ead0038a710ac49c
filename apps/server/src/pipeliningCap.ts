import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { FastifyServerFactory } from "fastify";

/** The most requests one connection may have awaiting their answers (HTTP/1.1 pipelining): browsers send one at a time. */
export const MAX_PIPELINED = 2;

/**
 * Node parses every request of a packet at once, and a client that never reads its answers would have them
 * all prepared: past MAX_PIPELINED unanswered requests, the connection is closed. Each request is handed on
 * once the packet is parsed, so the requests before the one that broke the cap cost nothing either.
 */
function pipeliningCapped(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const waiting = new WeakMap<Socket, number>();
  return (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const count = (waiting.get(socket) ?? 0) + 1;
    if (count > MAX_PIPELINED) {
      socket.destroy();
      return;
    }
    waiting.set(socket, count);
    res.once("close", () => waiting.set(socket, (waiting.get(socket) ?? 1) - 1));
    queueMicrotask(() => {
      if (!socket.destroyed) handler(req, res);
    });
  };
}

/** Fastify's HTTP/1.1 server, with its own timeouts, behind the cap. */
export const pipeliningCappedServer: FastifyServerFactory = (handler, options) => {
  const server: Server = createServer(pipeliningCapped(handler));
  const { keepAliveTimeout, requestTimeout, connectionTimeout } = options as { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number };
  server.keepAliveTimeout = keepAliveTimeout;
  server.requestTimeout = requestTimeout;
  server.setTimeout(connectionTimeout);
  return server;
};
