export interface MailMessage {
  /** Sender; transports fall back to nothing, so the outbox worker always sets it from the tenant. */
  from?: { name: string; address: string };
  /** Exactly one address: a list would let a typed-in value add recipients. */
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

/** Where rendered e-mails go: an SMTP server, or a local mailbox of .eml files. */
export interface MailTransport {
  /** Resolves once the message is accepted; rejects if it is not, so the caller can retry. */
  send(message: MailMessage): Promise<void>;
  /** Releases connections (SMTP pool); optional because a mailbox holds none. */
  close?(): void;
}
