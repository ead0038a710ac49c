import type { FastifyServerOptions } from "fastify";

/** Field names whose values are secrets wherever they appear in a log line: tokens, codes, passwords, cookies. */
const SECRET_FIELDS = ["token", "jeton", "secret", "code", "password", "confirmation", "sessionToken", "cookie", "authorization"];

/** Where those fields may sit: at the top of a line's object, one level down, or in request inputs and headers. */
const REDACTED = [
  // `code` one level down is left alone: it is an error's code there (ECONNREFUSED), which the operator needs.
  ...SECRET_FIELDS.flatMap((field) => [field, ...(field === "code" ? [] : [`*.${field}`]), `input.${field}`, `*.input.${field}`, `body.${field}`]),
  'req.headers["x-guichet-flow"]',
  'res.headers["set-cookie"]',
  '*.headers["set-cookie"]',
  '*.headers["x-guichet-flow"]',
];

/**
 * The request log: each request's method and path, never its query string (tRPC queries carry their input
 * there), and known secret fields censored anyway. `stream` sends lines elsewhere (tests read them).
 */
export function requestLog(stream?: NodeJS.WritableStream): NonNullable<FastifyServerOptions["logger"]> {
  return {
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED, censor: "[caché]" },
    serializers: {
      req: (req: { method: string; url?: string; ip?: string }) => ({ method: req.method, path: String(req.url ?? "").split("?")[0], remoteAddress: req.ip }),
    },
  };
}
