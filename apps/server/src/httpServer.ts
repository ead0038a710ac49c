import { existsSync } from "node:fs";
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance } from "fastify";
import { appRouter, type AppRouter } from "@guichet/api";
import { fr } from "@guichet/schema";
import type { Guichet } from "./guichet";
import { devMailRoutes } from "./devMail";
import { devFlowRoutes } from "./devFlows";
import { sessionCookie } from "./sessionCookie";
import { photoRoutes } from "./photoRoutes";

const webDist = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const kioskDist = fileURLToPath(new URL("../../kiosk/dist/", import.meta.url));

/** A sign-up step is a few kilobytes; anything much larger is refused before it is read. */
export const BODY_LIMIT = 256 * 1024;

export async function createHttpServer(guichet: Guichet, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 5000 },
    trustProxy: guichet.settings.trustProxy,
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error(error);
    const message = status === 413 ? fr.errors.tooLarge : status >= 500 ? fr.errors.internal : fr.errors.badRequest;
    reply.status(status).send({ error: { message, code: status } });
  });

  await app.register(fastifyCookie);
  const cookie = sessionCookie(guichet.settings.publicUrl);
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res, info }) => ({
        services: guichet.services,
        client: cookie.client(req, res),
        liveTicket: typeof info.connectionParams?.ticket === "string" ? info.connectionParams.ticket : undefined,
      }),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") app.log.error({ path, err: error.cause ?? error }, "unexpected error");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  // Live views (server-sent events) never end by themselves: on close they are cut, or the process would wait for every open page.
  const streams = new Set<Socket>();
  app.addHook("onRequest", async (request) => {
    if (!/^\/trpc\/flow\.watch(\?|$)/.test(request.url)) return;
    const socket = request.raw.socket;
    // A kept-alive socket may carry one view after another: it is watched once.
    if (streams.has(socket)) return;
    streams.add(socket);
    socket.once("close", () => streams.delete(socket));
  });
  app.addHook("preClose", async () => {
    for (const socket of streams) socket.destroy();
  });

  app.get("/healthz", async () => ({ ok: true }));
  photoRoutes(app, guichet);
  if (!guichet.settings.production) devMailRoutes(app, guichet.settings.mailDir);
  if (!guichet.settings.production) devFlowRoutes(app, { db: guichet.db, inspector: guichet.inspector !== undefined });
  guichet.inspector?.routes(app);

  // The apps' files travel compressed, in a scope of their own: the API's server-sent events must never be
  // (compression would hold them back). Files are looked up per request, so a rebuilt app needs no restart.
  await app.register(async (files) => {
    await files.register(fastifyCompress, { encodings: ["br", "gzip"], threshold: 1024 });
    if (existsSync(kioskDist)) {
      await files.register(fastifyStatic, { root: kioskDist, prefix: "/borne/", decorateReply: false, index: "index.html" });
    }
    if (existsSync(webDist)) await files.register(fastifyStatic, { root: webDist, prefix: "/" });
    // The apps route in the browser: any other page address gets its app's index.html.
    files.setNotFoundHandler((request, reply) => {
      const wantsPage = request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
      if (wantsPage && request.url.startsWith("/borne") && existsSync(kioskDist)) {
        return reply.type("text/html").sendFile("index.html", kioskDist);
      }
      if (wantsPage && existsSync(webDist)) return reply.type("text/html").sendFile("index.html", webDist);
      reply.status(404).send({ error: { message: "Page introuvable.", code: 404 } });
    });
  });
  return app;
}
