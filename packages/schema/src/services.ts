import { Schema } from "effect";
import { fr } from "./catalogue";

/** SERVICES: optional keys, one per service id; checking them against each service is the server's part. */
export const ServiceKeys = Schema.Struct({
  keys: Schema.Record(
    Schema.String,
    Schema.String.check(
      Schema.makeFilter((s: string) => s.trim() === "" || /^[A-Za-z0-9-]{4,40}$/.test(s.trim()) || fr.services.keyFormat),
    ),
  ),
});
export type ServiceKeys = typeof ServiceKeys.Type;
