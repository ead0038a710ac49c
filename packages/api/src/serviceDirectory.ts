import type { Identity } from "@guichet/schema";

export type KeyCheck = "ok" | "wrong" | "taken";

/** The citizens each service knows, by key: what fills in and checks the SERVICES step. */
export interface ServiceDirectory {
  /** The key of the citizen the service recognises by name and birth date, if any. */
  match(serviceId: string, identity: Identity): Promise<string | undefined>;
  check(serviceId: string, key: string, identity: Identity | undefined): Promise<KeyCheck>;
}
