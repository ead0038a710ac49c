import { EntitySchema } from "@mikro-orm/core";

/** A citizen's espace, created by the last step of a flow; active once the e-mailed link is opened. */
export interface Account {
  id: string;
  username: string;
  /** Lower-cased copy: usernames are unique whatever their case. */
  usernameKey: string;
  passwordHash: string;
  email: string;
  emailKey: string;
  /** TR39 skeleton of the address (see emailSkeleton): addresses that look alike share it. */
  emailSkeleton?: string | null;
  civilite: string;
  nomUsuel: string;
  prenoms: string;
  /** Identity, address, contacts and service keys as the flow validated them (JSON). */
  profile: string;
  status: "pending" | "active";
  flowId: string;
  createdAt: Date;
  activatedAt?: Date | null;
  /** The citizen's FranceConnect identifier, when FranceConnect certified the identity at sign-up. */
  franceConnectSub?: string | null;
}

export const AccountSchema = new EntitySchema<Account>({
  name: "Account",
  tableName: "account",
  properties: {
    id: { type: "string", length: 36, primary: true },
    username: { type: "string", length: 50 },
    usernameKey: { type: "string", length: 50, unique: true },
    passwordHash: { type: "string", length: 200 },
    email: { type: "string", length: 254 },
    emailKey: { type: "string", length: 254, index: true },
    emailSkeleton: { type: "text", nullable: true, index: true, fieldName: "email_skeleton" },
    civilite: { type: "string", length: 16 },
    nomUsuel: { type: "string", length: 100 },
    prenoms: { type: "string", length: 100 },
    profile: { type: "text" },
    status: { type: "string", length: 16 },
    flowId: { type: "string", length: 36, unique: true },
    createdAt: { type: "datetime" },
    activatedAt: { type: "datetime", nullable: true },
    franceConnectSub: { type: "string", length: 255, nullable: true, unique: true, fieldName: "franceconnect_sub" },
  },
});
