import type { MailTransport } from "@guichet/mail";

/**
 * Outside production, each e-mail sent is told in the server's log with the links it carries
 * (activation, reset, resume), so a developer can follow them without opening the mailbox.
 */
export function withDevMailLog(transport: MailTransport, log: (line: string) => void = console.log): MailTransport {
  return {
    ...transport,
    async send(message) {
      await transport.send(message);
      const links = [...new Set(message.text.match(/https?:\/\/\S+/g) ?? [])];
      log(`Courriel « ${message.subject} » envoyé à ${message.to}${links.length ? ` : ${links.join(" ")}` : ""}`);
    },
  };
}
