import net from "node:net";
import SMTPConnection from "nodemailer/lib/smtp-connection/index.js";
import { commandDeadline } from "./commandDeadline.js";

export interface SmtpPoolOptions {
  /** Where and how to connect: host, port, secure, tls, requireTLS, name… and auth, as nodemailer reads them. */
  connection: SMTPConnection.Options & { auth?: SMTPConnection.Credentials };
  /** Longest wait for any one answer of the server (greeting, EHLO, MAIL FROM, RCPT TO, DATA, the final dot). */
  commandTimeoutMs: number;
  /** Longest time for a whole message: waiting for a connection, connecting, sending, accepted. */
  messageTimeoutMs: number;
  /** Connections open at once, at most (in use, idle or being opened). */
  maxConnections: number;
  /** Messages per connection before it is closed and a new one opened (1: a connection per message). */
  maxMessages: number;
}

export interface SmtpConnectionPool {
  /** Resolves once the server accepted the message; rejects at the first error or deadline. */
  send(envelope: SMTPConnection.Envelope, raw: Buffer): Promise<void>;
  close(): void;
}

interface Open {
  readonly connection: SMTPConnection;
  readonly socket: net.Socket;
  /** Rejects when the connection breaks or misses a command's deadline. */
  readonly broken: Promise<never>;
  sent: number;
  dead: boolean;
}

/** A transient error (no SMTP code): the outbox tries the message again later. */
const timeoutError = (message: string) => Object.assign(new Error(message), { code: "ETIMEDOUT" });

/**
 * SMTP connections to one server, at most `maxConnections`, each message and each command under a
 * deadline. A connection that misses one is destroyed, and only it: the messages on the others go on,
 * and the slot is free for a fresh connection.
 */
export function smtpConnectionPool({
  connection: options,
  commandTimeoutMs,
  messageTimeoutMs,
  maxConnections,
  maxMessages,
}: SmtpPoolOptions): SmtpConnectionPool {
  const idle: Open[] = [];
  /** Connections counted against the bound: opening, in use or idle. */
  let counted = 0;
  /** Messages waiting for a slot; called with an idle connection, or with nothing when a slot is free to open one. */
  const waiting: ((open?: Open) => void)[] = [];
  let closed = false;

  function discard(open: Open): void {
    if (open.dead) return;
    open.dead = true;
    open.socket.destroy();
    const at = idle.indexOf(open);
    if (at >= 0) idle.splice(at, 1);
    counted -= 1;
    waiting.shift()?.();
  }

  function release(open: Open): void {
    if (open.dead) return;
    if (closed || open.sent >= maxMessages) {
      open.connection.quit();
      // Counted until QUIT is answered or its deadline passes; then the slot frees.
      return;
    }
    const next = waiting.shift();
    if (next) next(open);
    else idle.push(open);
  }

  async function openConnection(signal: AbortSignal): Promise<Open> {
    const socket = net.connect({ host: options.host ?? "localhost", port: Number(options.port) || (options.secure ? 465 : 587), noDelay: true });
    // Nodemailer writes a message in pieces: with Nagle's algorithm on, each message waited for the
    // server's delayed ACK (40 ms on Linux).
    socket.setNoDelay(true);
    let fail!: (error: Error) => void;
    const broken = new Promise<never>((_, reject) => {
      fail = reject;
    });
    broken.catch(() => undefined);
    const deadline = commandDeadline(commandTimeoutMs, () => {
      fail(timeoutError(`SMTP: no answer from the server within ${commandTimeoutMs} ms`));
      discard(open);
    });
    const connection = new SMTPConnection({
      ...options,
      connection: socket,
      transactionLog: true,
      logger: deadline.logger as unknown as SMTPConnection.Options["logger"],
      // Nodemailer's idle timers stay as a last resort; the deadlines above come first.
      greetingTimeout: commandTimeoutMs * 2,
      socketTimeout: Math.max(commandTimeoutMs * 2, 60_000),
    });
    const open: Open = { connection, socket, broken, sent: 0, dead: false };
    const lost = (error?: Error) => {
      deadline.stop();
      fail(error ?? new Error("SMTP: the server closed the connection"));
      discard(open);
    };
    connection.on("error", lost);
    connection.on("end", () => lost());
    // Kept for the socket's life: nodemailer stops listening to the raw socket once TLS wraps it.
    socket.on("error", lost);
    socket.once("close", () => lost());

    try {
      await step(open, signal, (done) => socket.once("connect", () => done(null)));
      await step(open, signal, (done) => connection.connect(() => done(null)));
      const { auth } = options;
      if (auth) await step(open, signal, (done) => connection.login(auth, (error) => done(error ?? null)));
      return open;
    } catch (error) {
      discard(open);
      throw error;
    }
  }

  /** One nodemailer call, given up when the connection breaks or the message's deadline passes. */
  function step(open: Open, signal: AbortSignal, call: (done: (error: Error | null) => void) => void): Promise<void> {
    return Promise.race([
      open.broken,
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason as Error);
        const aborted = () => reject(signal.reason as Error);
        signal.addEventListener("abort", aborted, { once: true });
        call((error) => {
          signal.removeEventListener("abort", aborted);
          if (error) reject(error);
          else resolve();
        });
      }),
    ]);
  }

  function acquire(signal: AbortSignal): Promise<Open> {
    if (closed) return Promise.reject(new Error("SMTP: the transport is closed"));
    const ready = idle.pop();
    if (ready) return Promise.resolve(ready);
    if (counted < maxConnections) {
      counted += 1;
      return openConnection(signal);
    }
    return new Promise<Open>((resolve, reject) => {
      const take = (open?: Open) => {
        signal.removeEventListener("abort", aborted);
        if (closed) return reject(new Error("SMTP: the transport is closed"));
        if (open) return resolve(open);
        counted += 1;
        openConnection(signal).then(resolve, reject);
      };
      const aborted = () => {
        const at = waiting.indexOf(take);
        if (at >= 0) waiting.splice(at, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", aborted, { once: true });
      waiting.push(take);
    });
  }

  return {
    async send(envelope, raw) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(timeoutError(`SMTP: the message was not accepted within ${messageTimeoutMs} ms`)), messageTimeoutMs);
      let open: Open | undefined;
      try {
        const opening = acquire(controller.signal);
        // A connection being opened when the deadline passes is dropped, never handed on half-open.
        opening.catch(() => undefined);
        open = await opening;
        const using = open;
        await step(using, controller.signal, (done) => using.connection.send(envelope, raw, (error) => done(error)));
        using.sent += 1;
        release(using);
      } catch (error) {
        // Whatever state the conversation was left in, the connection is not reused.
        if (open) discard(open);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closed = true;
      for (const open of idle.splice(0)) open.connection.quit();
      for (const take of waiting.splice(0)) take(undefined);
    },
  };
}
