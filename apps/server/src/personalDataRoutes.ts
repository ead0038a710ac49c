import type { FastifyInstance, FastifyReply, onRequestAsyncHookHandler } from "fastify";
import { personalDataHtml, personalDataText, type PersonalDataExport } from "@guichet/api";
import type { Guichet } from "./guichet";

const formats = {
  json: { type: "application/json; charset=utf-8", body: (d: PersonalDataExport) => `${JSON.stringify(d, null, 2)}\n` },
  html: { type: "text/html; charset=utf-8", body: personalDataHtml },
} as const;

/**
 * "Mes données": everything held about the logged-in citizen, by the session cookie only, as a file to keep
 * (Content-Disposition: attachment), never stored by a cache; a few downloads an hour per account.
 */
export function personalDataRoutes(app: FastifyInstance, guichet: Guichet, sessionCookieName: string, onRequest: onRequestAsyncHookHandler) {
  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.status(status).header("cache-control", "no-store").send({ error: { message } });

  for (const [format, { type, body }] of Object.entries(formats)) {
    app.get(`/api/account/mes-donnees.${format}`, { onRequest }, async (req, reply) => {
      const session = await guichet.services.account.sessions.find(req.cookies[sessionCookieName]);
      if (!session) return refuse(reply, 401, personalDataText.notFound);
      const result = await guichet.personalData.collect(session.accountId);
      if (!result.ok && result.reason === "tooMany") {
        reply.header("retry-after", String(result.retryAfterSeconds));
        return refuse(reply, 429, personalDataText.tooMany(result.retryAfterSeconds));
      }
      if (!result.ok) return refuse(reply, 401, personalDataText.notFound);
      const day = result.data.genereLe.slice(0, 10);
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="mes-donnees-${day}.${format}"`)
        .type(type)
        .send(body(result.data));
    });
  }
}
