import net, { type AddressInfo } from "node:net";

export interface StallingSmtpPeer {
  url: string;
  /** Connections accepted so far, bad and good. */
  connections(): number;
  close(): Promise<void>;
}

export interface StallingSmtpPeerOptions {
  /**
   * `afterEhlo`: greets, answers EHLO, then never answers MAIL FROM (nor anything else).
   * `drip`: greets, then answers EHLO one byte every `dripMs`, so an idle timer never fires.
   */
  mode: "afterEhlo" | "drip";
  /** How many connections, the first ones, misbehave; later ones are passed to `healthyUrl`. */
  badConnections?: number;
  /** A working peer (`startSmtpPeer().url`) that serves the connections past the bad ones. */
  healthyUrl?: string;
  dripMs?: number;
}

// Long enough to outlast any test: at one byte a second, about 8 minutes of EHLO answer.
const DRIPPED_EHLO = `250-stalling.example greets you\r\n${"250-X-PADDING\r\n".repeat(32)}250 OK\r\n`;

/**
 * A raw SMTP peer on 127.0.0.1 that misbehaves on its first connections, as a broken or hostile
 * relay would, and hands the next ones to a healthy peer: mail must keep flowing past the bad ones.
 */
export async function startStallingSmtpPeer({
  mode,
  badConnections = Infinity,
  healthyUrl,
  dripMs = 1_000,
}: StallingSmtpPeerOptions): Promise<StallingSmtpPeer> {
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const healthy = healthyUrl ? new URL(healthyUrl) : undefined;

  const server = net.createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (accepted > badConnections && healthy) {
      const upstream = net.connect({ host: healthy.hostname, port: Number(healthy.port) });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
      return;
    }
    socket.write("220 stalling.example ESMTP\r\n");
    let buffered = "";
    let answeredEhlo = false;
    socket.on("data", (chunk: Buffer) => {
      if (answeredEhlo) return; // heard, never answered
      buffered += chunk.toString("latin1");
      if (!/^(EHLO|HELO) /im.test(buffered) || !buffered.includes("\r\n")) return;
      answeredEhlo = true;
      if (mode === "afterEhlo") {
        socket.write("250-stalling.example\r\n250 PIPELINING\r\n");
        return;
      }
      let sent = 0;
      const drip = setInterval(() => {
        if (socket.destroyed || sent >= DRIPPED_EHLO.length) {
          clearInterval(drip);
          timers.delete(drip);
          return;
        }
        socket.write(DRIPPED_EHLO[sent]!);
        sent += 1;
      }, dripMs);
      timers.add(drip);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => accepted,
    close() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
