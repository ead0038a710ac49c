import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpPeer {
  url: string;
  /** Messages accepted so far, raw, with the envelope's recipients and whether they came over TLS. */
  received: { raw: Buffer; rcptTo: string[]; secure: boolean }[];
  /** DATA commands seen, refused ones included. */
  attempts(): number;
  /** The accepted messages, parsed. */
  parsed(): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface SmtpPeerOptions {
  /** Answers 451 to the first `refuseFirst` messages, as a busy or greylisting server would. */
  refuseFirst?: number;
  /** The SMTP code of those refusals: 451 (try later) by default, 550 (mailbox unknown) for a permanent one. */
  refuseWith?: number;
  /**
   * TLS from the first byte (`implicit`, an `smtps://` URL) or after STARTTLS (`starttls`, which the
   * URL then requires), with smtp-server's built-in self-signed certificate, which the URL accepts.
   */
  tls?: "implicit" | "starttls";
}

/** A real SMTP server on 127.0.0.1 and a free port, for tests and the bench: plain unless `tls` says, no auth. */
export async function startSmtpPeer({ refuseFirst = 0, refuseWith = 451, tls }: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const received: SmtpPeer["received"] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    secure: tls === "implicit",
    disabledCommands: tls === "starttls" ? ["AUTH"] : ["STARTTLS", "AUTH"],
    logger: false,
    // No DNS in tests: a reverse lookup of 127.0.0.1 can cost a timeout per connection.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        attempts += 1;
        if (attempts <= refuseFirst) {
          const message = refuseWith >= 500 ? "Mailbox unavailable" : "Service temporairement indisponible";
          callback(Object.assign(new Error(message), { responseCode: refuseWith }));
          return;
        }
        received.push({ raw: Buffer.concat(chunks), rcptTo: session.envelope.rcptTo.map((address) => address.address), secure: session.secure });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.server.address() as AddressInfo;
  const url = {
    none: `smtp://127.0.0.1:${port}`,
    implicit: `smtps://127.0.0.1:${port}?tls.rejectUnauthorized=false`,
    starttls: `smtp://127.0.0.1:${port}?requireTLS=true&tls.rejectUnauthorized=false`,
  }[tls ?? "none"];
  return {
    url,
    received,
    attempts: () => attempts,
    parsed: () => Promise.all(received.map(({ raw }) => simpleParser(raw))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
