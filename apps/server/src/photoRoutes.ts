import { TRPCError } from "@trpc/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PHOTO_MAX_BYTES, photoMessages, readPhoto, storePhoto, type ClientPort } from "@guichet/api";
import { fr } from "@guichet/schema";
import type { Guichet } from "./guichet";
import type { sessionCookie } from "./sessionCookie";

/**
 * The IDENTITÉ photo travels apart from the flow's moves: the image is the request body, the flow's
 * token a header. Answers `{ photoId }` to put in the identity's `photoId` field.
 */
export function photoRoutes(app: FastifyInstance, guichet: Guichet, cookie: ReturnType<typeof sessionCookie>) {
  const sessionCookieName = cookie.name;
  /** Refused (429, in French) past a ceiling of abuseLimits; true when the call may go on. */
  const counted = async (req: FastifyRequest, reply: FastifyReply, count: (client: ClientPort) => Promise<void>) => {
    try {
      await count(cookie.client(req, reply));
      return true;
    } catch (e) {
      if (!(e instanceof TRPCError) || e.code !== "TOO_MANY_REQUESTS") throw e;
      reply.status(429).send({ error: { message: e.message } });
      return false;
    }
  };
  app.register(async (scope) => {
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: PHOTO_MAX_BYTES + 1024 }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
      const status = error.statusCode === 413 ? 413 : 400;
      reply.status(status).send({ error: { message: status === 413 ? photoMessages.tooLarge : fr.errors.badRequest } });
    });

    scope.post("/api/photo", { bodyLimit: PHOTO_MAX_BYTES + 1024 }, async (req, reply) => {
      if (!(await counted(req, reply, (client) => guichet.services.abuse.call(client)))) return reply;
      const flowId = await guichet.services.flows.idOf(String(req.headers["x-guichet-flow"] ?? ""), req.cookies[cookie.name]);
      if (!flowId) return reply.status(404).send({ error: { message: fr.errors.notFound } });
      // Each photo of a real flow is decoded, resized and written: counted in the shared table (abuseLimits `photos`).
      if (!(await counted(req, reply, (client) => guichet.services.abuse.costly("photos", client)))) return reply;
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return reply.status(415).send({ error: { message: photoMessages.notAnImage } });
      const result = await storePhoto(guichet.db, flowId, req.body, new Date());
      // Past the decoders' line the citizen is told to try again, and so is their browser.
      if (!result.ok && result.status === 503) reply.header("retry-after", "5");
      if (!result.ok) return reply.status(result.status).send({ error: { message: result.message } });
      return { photoId: result.photoId, mime: result.mime, bytes: result.bytes };
    });

    scope.get<{ Params: { id: string } }>("/api/photo/:id", async (req, reply) => {
      if (!(await counted(req, reply, (client) => guichet.services.abuse.call(client)))) return reply;
      const flowId = await guichet.services.flows.idOf(String(req.headers["x-guichet-flow"] ?? ""), req.cookies[cookie.name]);
      const photo = flowId ? await readPhoto(guichet.db, flowId, req.params.id) : undefined;
      if (!photo) return reply.status(404).send({ error: { message: "Photo introuvable." } });
      reply.header("cache-control", "private, no-store").type(photo.mime).send(photo.data);
    });

    // "Mon espace": the logged-in citizen's own photo, by the session cookie.
    scope.get("/api/account/photo", async (req, reply) => {
      if (!(await counted(req, reply, (client) => guichet.services.abuse.call(client)))) return reply;
      const session = await guichet.services.account.sessions.find(req.cookies[sessionCookieName]);
      const photo = session ? await guichet.services.account.photo(session.accountId) : undefined;
      if (!photo) return reply.status(404).send({ error: { message: "Photo introuvable." } });
      reply.header("cache-control", "private, no-store").type(photo.mime).send(photo.data);
    });
  });
}
