import { EntitySchema } from "@mikro-orm/core";

/**
 * A single-use secret handed to a citizen (activation link or code, reset link, resume code or link),
 * stored only as its hash.
 */
export interface Secret {
  id: string;
  kind: string;
  hash: string;
  subjectId: string;
  expiresAt: Date;
  usedAt?: Date | null;
  createdAt: Date;
}

export const SecretSchema = new EntitySchema<Secret>({
  name: "Secret",
  tableName: "secret",
  properties: {
    id: { type: "string", length: 36, primary: true },
    kind: { type: "string", length: 20 },
    hash: { type: "string", length: 64, unique: true },
    subjectId: { type: "string", length: 36, index: true },
    expiresAt: { type: "datetime", index: true },
    usedAt: { type: "datetime", nullable: true },
    createdAt: { type: "datetime" },
  },
});
