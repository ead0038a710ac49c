import net from "node:net";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type { MailTransport } from "./MailTransport.js";
import { singleRecipient } from "./singleRecipient.js";
import { nodemailerDkim, type DkimKey } from "./dkim.js";

/**
 * Sends through an SMTP server given as a URL (`smtp://host:2525`, `smtps://user:pass@host`).
 * Pooled unless the URL says `?pool=false`: the outbox worker sends batches, and one connection
 * per message would cost a TCP and SMTP handshake each time.
 */
export function smtpTransport(url: string, { dkim }: { dkim?: DkimKey } = {}): MailTransport {
  // The URL parsed as nodemailer would, then an object: given a URL, nodemailer ignores every
  // other option, getSocket included.
  const options: SMTPPool.Options = { pool: true, ...parseConnectionUrl(url), getSocket: connectWithoutNagle, ...(dkim ? { dkim: nodemailerDkim(dkim) } : {}) };
  const transporter = nodemailer.createTransport(options);
  return {
    async send(message) {
      await transporter.sendMail({ ...message, to: singleRecipient(message.to) });
    },
    close() {
      transporter.close();
    },
  };
}

const CONNECTION_TIMEOUT_MS = 2 * 60_000; // nodemailer's own default

/**
 * Opens the TCP connection nodemailer would, with Nagle's algorithm off; TLS, implicit (smtps) or
 * STARTTLS, is still nodemailer's, on top of it. Nodemailer writes a message in several pieces:
 * with Nagle on, the rest waits for the server to acknowledge the first, and a server with nothing
 * to say until the final dot delays that ACK (40 ms on Linux), so every message took 40 ms more.
 */
function connectWithoutNagle(options: SMTPPool.Options, callback: (error: Error | null, socketOptions?: { connection: net.Socket }) => void): void {
  const socket = net.connect({
    host: options.host ?? "localhost",
    port: Number(options.port) || (options.secure ? 465 : 587),
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  socket.setNoDelay(true);
  socket.setTimeout(options.connectionTimeout ?? CONNECTION_TIMEOUT_MS);
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  const timeout = () => fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" }));
  socket.once("error", fail);
  socket.once("timeout", timeout);
  socket.once("connect", () => {
    // From here on nodemailer owns the socket: its listeners and its own timeouts.
    socket.off("error", fail);
    socket.off("timeout", timeout);
    socket.setTimeout(0);
    socket.setKeepAlive(true);
    callback(null, { connection: socket });
  });
}
