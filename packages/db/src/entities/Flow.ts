import { EntitySchema } from "@mikro-orm/core";

/** One flow in progress (a sign-up, a démarche): the machine's persisted snapshot, found by the hash of its secret token. */
export interface Flow {
  id: string;
  tokenHash: string;
  /** The flow definition it runs ("registration", a démarche). */
  kind: string;
  snapshot: string;
  /** Optimistic lock: every accepted move adds one; a write with an older version is refused. */
  version: number;
  machineVersion: number;
  step: string;
  status: "active" | "done" | "cancelled";
  /** The account a démarche of "Mon espace" belongs to; null for the sign-up. */
  accountId?: string | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

export const FlowSchema = new EntitySchema<Flow>({
  name: "Flow",
  tableName: "flow",
  properties: {
    id: { type: "string", length: 36, primary: true },
    tokenHash: { type: "string", length: 64, unique: true },
    kind: { type: "string", length: 40, default: "registration" },
    snapshot: { type: "text" },
    version: { type: "integer" },
    machineVersion: { type: "integer" },
    step: { type: "string", length: 40 },
    status: { type: "string", length: 16 },
    accountId: { type: "string", length: 36, nullable: true, index: true },
    createdAt: { type: "datetime" },
    updatedAt: { type: "datetime" },
    expiresAt: { type: "datetime", index: true },
  },
});
