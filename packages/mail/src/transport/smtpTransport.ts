import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import type { MailTransport } from "./MailTransport.js";
import { singleRecipient } from "./singleRecipient.js";
import { nodemailerDkim, type DkimKey } from "./dkim.js";
import { smtpConnectionPool } from "./smtpConnectionPool.js";

/** The defaults of what an SMTP URL may set in its query (`?commandTimeout=15000&maxConnections=3`). */
export const SMTP_LIMITS = {
  /** Milliseconds for any one answer of the server: a relay answers in well under a second. */
  commandTimeout: 30_000,
  /** Milliseconds for a whole message, from waiting for a connection to the server's acceptance. */
  messageTimeout: 60_000,
  /** Connections to the server open at once, at most. */
  maxConnections: 5,
  /** Messages sent on one connection before it is renewed. */
  maxMessages: 100,
} as const;

/** The longest a message may take, whatever the URL says: below the outbox's claim on it. */
export const MAX_MESSAGE_TIMEOUT_MS = 90_000;

/**
 * Sends through an SMTP server given as a URL (`smtp://host:2525`, `smtps://user:pass@host`).
 * Pooled unless the URL says `?pool=false`: the outbox worker sends batches, and one connection
 * per message would cost a TCP and SMTP handshake each time. A server that stalls or drips fails
 * the message at a deadline (per command and per message), so the outbox retries it later.
 */
export function smtpTransport(url: string, { dkim }: { dkim?: DkimKey } = {}): MailTransport {
  // The URL parsed as nodemailer would; our own query keys are taken out of it.
  const { pool, commandTimeout, messageTimeout, maxConnections, maxMessages, ...connection } = parseConnectionUrl(url) as SMTPConnection.Options &
    Partial<Record<keyof typeof SMTP_LIMITS, unknown>> & { pool?: unknown; auth?: SMTPConnection.Credentials };
  const limit = (value: unknown, name: keyof typeof SMTP_LIMITS) => (typeof value === "number" && value > 0 ? value : SMTP_LIMITS[name]);
  // Capped under the outbox's claim (2 minutes), so no other worker takes a message still in flight.
  const messageTimeoutMs = Math.min(limit(messageTimeout, "messageTimeout"), MAX_MESSAGE_TIMEOUT_MS);
  const connections = smtpConnectionPool({
    connection,
    commandTimeoutMs: limit(commandTimeout, "commandTimeout"),
    messageTimeoutMs,
    maxConnections: limit(maxConnections, "maxConnections"),
    maxMessages: pool === false ? 1 : limit(maxMessages, "maxMessages"),
  });
  // Nodemailer builds the message (MIME, DKIM signature) in memory; the pool above sends it.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows", ...(dkim ? { dkim: nodemailerDkim(dkim) } : {}) });
  return {
    async send(message) {
      const built = await composer.sendMail({ ...message, to: singleRecipient(message.to) });
      await connections.send(built.envelope as SMTPConnection.Envelope, built.message as Buffer);
    },
    close() {
      connections.close();
    },
  };
}
