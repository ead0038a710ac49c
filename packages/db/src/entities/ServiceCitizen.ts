import { EntitySchema } from "@mikro-orm/core";

/** A citizen a service knows (e.g. the Enfance service's families), with the key it gave them. */
export interface ServiceCitizen {
  id: string;
  serviceId: string;
  key: string;
  /** Names folded (lower case, no accents) for matching, and the birth date as YYYY-MM-DD. */
  nomKey: string;
  prenomsKey: string;
  dateNaissance: string;
  email?: string | null;
  /** The account that claimed this key: a key serves one account only. */
  claimedBy?: string | null;
}

export const ServiceCitizenSchema = new EntitySchema<ServiceCitizen>({
  name: "ServiceCitizen",
  tableName: "service_citizen",
  uniques: [{ properties: ["serviceId", "key"] }],
  indexes: [{ properties: ["serviceId", "nomKey", "dateNaissance"] }],
  properties: {
    id: { type: "string", length: 36, primary: true },
    serviceId: { type: "string", length: 40 },
    key: { type: "string", length: 40 },
    nomKey: { type: "string", length: 100 },
    prenomsKey: { type: "string", length: 100 },
    dateNaissance: { type: "string", length: 10 },
    email: { type: "string", length: 254, nullable: true },
    claimedBy: { type: "string", length: 36, nullable: true },
  },
});
