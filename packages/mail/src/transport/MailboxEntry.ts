/** One message of the local mailbox, as listed. */
export interface MailboxSummary {
  id: string;
  to: string;
  subject: string;
  date: Date;
}

/** One message of the local mailbox, read whole. */
export interface MailboxMessage {
  to: string;
  subject: string;
  date: Date;
  html: string;
  text: string;
}
