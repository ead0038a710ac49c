import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { abuseMessages, appRouter, limitedAddress, type AppRouter } from "@guichet/api";
import { pingDatabase } from "@guichet/db";
import { fr } from "@guichet/schema";
import type { Guichet } from "./guichet";
import { fastifyTrustProxy } from "./settings";
import { devMailRoutes } from "./devMail";
import { devFlowRoutes } from "./devFlows";
import { sessionCookie } from "./sessionCookie";
import { photoRoutes } from "./photoRoutes";
import { franceConnectRoutes } from "./franceConnectRoutes";
import { personalDataRoutes } from "./personalDataRoutes";
import { fromThisMachine, guardDevPages } from "./devPagesGate";
import { faviconSvg } from "./favicon";
import { requestLog } from "./requestLog";
import { securityHeaders } from "./securityHeaders";
import { callsIn, MAX_BATCH_CALLS } from "./batchLimit";
import { pipeliningCappedServer } from "./pipeliningCap";
import { chooseEncoding, isCurrent, staticFiles, type StaticFile } from "./staticFiles";

const webDist = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const kioskDist = fileURLToPath(new URL("../../kiosk/dist/", import.meta.url));

/** A sign-up step is a few kilobytes; anything much larger is refused before it is read. */
export const BODY_LIMIT = 256 * 1024;

/** How long one database ping answers every `/readyz` of the process. */
export const READINESS_SHARED_MS = 1_000;

/** Answers that may carry personal data or secrets: never kept by a browser or a proxy. */
const PRIVATE_ANSWERS = /^\/(trpc|api)\//;

/** A mutation's body: JSON only. A page of another site can post a form (multipart, text/plain) without asking, never JSON. */
const JSON_BODY = /^application\/json\s*(;|$)/i;

/** A path as the build names its files; a malformed escape matches no file. */
const safeDecode = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

/** The route a request reached (an encoded spelling of its path reaches the same one), or its path when none. */
const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? request.url;

export async function createHttpServer(guichet: Guichet, options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: (options.logger ?? false) || options.logStream ? requestLog(options.logStream) : false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 5000 },
    trustProxy: fastifyTrustProxy(guichet.settings.trustProxy),
    serverFactory: pipeliningCappedServer,
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error(error);
    const message = status === 413 ? fr.errors.tooLarge : status >= 500 ? fr.errors.internal : fr.errors.badRequest;
    reply.status(status).send({ error: { message, code: status } });
  });

  // The FranceConnect button's form is answered with a redirection to FranceConnect: the CSP's form-action lets it go there.
  const franceConnectOrigin = guichet.settings.franceConnect ? [new URL(guichet.settings.franceConnect.issuer).origin] : [];
  await app.register(fastifyHelmet, securityHeaders(guichet.settings.publicUrl, { formAction: franceConnectOrigin }));
  app.addHook("onRequest", async (request, reply) => {
    if (PRIVATE_ANSWERS.test(routeOf(request))) reply.header("cache-control", "no-store");
  });
  // Cross-site requests: tRPC itself would take a form's multipart or text/plain body for a mutation.
  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "POST" || !routeOf(request).startsWith("/trpc/")) return;
    if (!JSON_BODY.test(request.headers["content-type"] ?? "")) {
      return reply.status(415).send({ error: { message: fr.errors.jsonOnly, code: 415 } });
    }
  });
  // A batch names its calls in its path: past MAX_BATCH_CALLS it is refused before its body is read.
  app.addHook("onRequest", async (request, reply) => {
    if (!routeOf(request).startsWith("/trpc/")) return;
    const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
    if (callsIn((request.params as { path?: string }).path, query) > MAX_BATCH_CALLS) {
      return reply.status(400).send({ error: { message: fr.errors.tooManyCalls, code: 400 } });
    }
  });
  guardDevPages(app, guichet.settings.devPagesOpen);

  await app.register(fastifyCookie);
  const cookie = sessionCookie(guichet.settings.publicUrl);
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      // The same bound, should a batch reach tRPC by another way.
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: ({ req, res, info }) => ({
        services: guichet.services,
        client: cookie.client(req, res),
        liveTicket: typeof info.connectionParams?.ticket === "string" ? info.connectionParams.ticket : undefined,
      }),
      onError({ error, path }) {
        if (error.code === "TOO_MANY_REQUESTS") guichet.metrics?.throttled(path ?? "unknown");
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
  guichet.metrics?.countLiveStreams(() => streams.size);
  app.addHook("preClose", async () => {
    for (const socket of streams) socket.destroy();
  });

  // A constant answer from memory: a probe is never counted (counting would cost more than answering).
  app.get("/healthz", async () => ({ ok: true }));
  // Ready means the database answers: a load balancer sends no citizen to a process that cannot save a step.
  // One ping at a time, its answer shared for a second: however many ask, the database is asked once a second.
  let readiness: { readonly at: number; readonly up: Promise<boolean> } | undefined;
  const databaseUp = () => {
    const at = Date.now();
    if (!readiness || at - readiness.at >= READINESS_SHARED_MS) {
      readiness = {
        at,
        up: pingDatabase(guichet.db).then(
          () => true,
          () => false,
        ),
      };
    }
    return readiness.up;
  };
  app.get("/readyz", async (_request, reply) => {
    if (await databaseUp()) return { ok: true, database: "up" };
    return reply.status(503).send({ ok: false, database: "down" });
  });
  // The apps' files and the tab's icon: counted in memory per device and address (abuseLimits `files`).
  const countFile = async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = await guichet.services.abuse.file({ ip: limitedAddress(request.ip), knownDevice: cookie.knownDevice(request) });
    if (wait > 0) {
      return reply
        .status(429)
        .header("retry-after", Math.ceil(wait / 1000))
        .send({ error: { message: abuseMessages.tooManyRequests(wait), code: 429 } });
    }
  };
  const favicon = faviconSvg(guichet.services.tenant.primaryColor);
  app.get("/favicon.svg", { onRequest: countFile }, async (_req, reply) =>
    reply.type("image/svg+xml").header("cache-control", "public, max-age=86400").send(favicon),
  );
  photoRoutes(app, guichet, cookie);
  if (guichet.services.franceConnect) await franceConnectRoutes(app, guichet, guichet.services.franceConnect);
  // Mes données: a session lookup per call, counted first like a file (then 10 an hour per account).
  personalDataRoutes(app, guichet, cookie.name, countFile);
  if (!guichet.settings.production) devMailRoutes(app, guichet.settings.mailDir);
  if (!guichet.settings.production) devFlowRoutes(app, { db: guichet.db, inspector: guichet.inspector !== undefined });
  guichet.inspector?.routes(app, { allowed: (req) => guichet.settings.devPagesOpen || fromThisMachine(req) });

  // The apps' files, from memory, compressed once at start (staticFiles): no request reads a file or compresses.
  const files = await staticFiles([
    { prefix: "/borne/", root: kioskDist },
    { prefix: "/", root: webDist },
  ]);
  const sendFile = (request: FastifyRequest, reply: FastifyReply, file: StaticFile) => {
    const encoding = chooseEncoding(request.headers["accept-encoding"], file);
    const etag = `"${file.etag}${encoding === "br" ? "-br" : encoding === "gzip" ? "-gz" : ""}"`;
    reply.header("cache-control", file.cacheControl).header("etag", etag);
    if (file.br || file.gzip) reply.header("vary", "accept-encoding");
    if (isCurrent(request.headers["if-none-match"], file)) return reply.status(304).send();
    if (encoding) reply.header("content-encoding", encoding);
    return reply.type(file.type).send(encoding === "br" ? file.br : encoding === "gzip" ? file.gzip : file.identity);
  };
  // The apps route in the browser: any other page address gets its app's index.html.
  const answerFile = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0]!;
    const file = request.method === "GET" || request.method === "HEAD" ? files.get(safeDecode(path)) : undefined;
    if (file) return sendFile(request, reply, file);
    const wantsPage = request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
    const index = wantsPage ? files.get(path.startsWith("/borne") ? "/borne/" : "/") : undefined;
    if (index) return sendFile(request, reply, index);
    return reply.status(404).send({ error: { message: "Page introuvable.", code: 404 } });
  };
  await app.register(async (scope) => {
    scope.addHook("onRequest", countFile);
    scope.get("/*", answerFile);
    scope.setNotFoundHandler(answerFile);
  });
  return app;
}
