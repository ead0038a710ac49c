import { EntitySchema } from "@mikro-orm/core";

/** An e-mail to send, written in the same transaction as what it announces. */
export interface OutboxMessage {
  id: string;
  template: string;
  recipient: string;
  data: string;
  attempts: number;
  nextAttemptAt: Date;
  /** A worker's claim: until then no other worker takes the message. */
  claimedUntil?: Date | null;
  sentAt?: Date | null;
  lastError?: string | null;
  /** Given up for good: never claimed again, listed for the operator (`npm run outbox:dead`). */
  deadAt?: Date | null;
  createdAt: Date;
  /** The account the e-mail was sent about, whatever its address: "Mes données" lists it. */
  accountId?: string | null;
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  name: "OutboxMessage",
  tableName: "outbox",
  properties: {
    id: { type: "string", length: 36, primary: true },
    template: { type: "string", length: 40 },
    recipient: { type: "string", length: 254 },
    data: { type: "text" },
    attempts: { type: "integer" },
    nextAttemptAt: { type: "datetime", index: true },
    claimedUntil: { type: "datetime", nullable: true },
    sentAt: { type: "datetime", nullable: true },
    lastError: { type: "text", nullable: true },
    deadAt: { type: "datetime", nullable: true },
    createdAt: { type: "datetime" },
    accountId: { type: "string", length: 36, nullable: true, index: true },
  },
});
