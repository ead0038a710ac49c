import type { FastifyInstance } from "fastify";
import { PHOTO_MAX_BYTES, photoMessages, readPhoto, storePhoto } from "@guichet/api";
import { fr } from "@guichet/schema";
import type { Guichet } from "./guichet";

/**
 * The IDENTITÉ photo travels apart from the flow's moves: the image is the request body, the flow's
 * token a header. Answers `{ photoId }` to put in the identity's `photoId` field.
 */
export function photoRoutes(app: FastifyInstance, guichet: Guichet, sessionCookieName: string) {
  app.register(async (scope) => {
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: PHOTO_MAX_BYTES + 1024 }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
      const status = error.statusCode === 413 ? 413 : 400;
      reply.status(status).send({ error: { message: status === 413 ? photoMessages.tooLarge : fr.errors.badRequest } });
    });

    scope.post("/api/photo", { bodyLimit: PHOTO_MAX_BYTES + 1024 }, async (req, reply) => {
      const flowId = await guichet.services.flows.idOf(String(req.headers["x-guichet-flow"] ?? ""));
      if (!flowId) return reply.status(404).send({ error: { message: fr.errors.notFound } });
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return reply.status(415).send({ error: { message: photoMessages.notAnImage } });
      const result = await storePhoto(guichet.db, flowId, req.body, new Date());
      if (!result.ok) return reply.status(result.status).send({ error: { message: result.message } });
      return { photoId: result.photoId, mime: result.mime, bytes: result.bytes };
    });

    scope.get<{ Params: { id: string } }>("/api/photo/:id", async (req, reply) => {
      const flowId = await guichet.services.flows.idOf(String(req.headers["x-guichet-flow"] ?? ""));
      const photo = flowId ? await readPhoto(guichet.db, flowId, req.params.id) : undefined;
      if (!photo) return reply.status(404).send({ error: { message: "Photo introuvable." } });
      reply.header("cache-control", "private, no-store").type(photo.mime).send(photo.data);
    });

    // "Mon espace": the logged-in citizen's own photo, by the session cookie.
    scope.get("/api/account/photo", async (req, reply) => {
      const session = await guichet.services.account.sessions.find(req.cookies[sessionCookieName]);
      const photo = session ? await guichet.services.account.photo(session.accountId) : undefined;
      if (!photo) return reply.status(404).send({ error: { message: "Photo introuvable." } });
      reply.header("cache-control", "private, no-store").type(photo.mime).send(photo.data);
    });
  });
}
