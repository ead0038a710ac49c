import type { Commune } from "./commune.js";
import { communeCatalogue } from "./communeCatalogue.js";

/** The current communes of a département ("95", "2A", "971"), in French alphabetical order. */
export function communesOfDepartement(code: string): Commune[] {
  return [...(communeCatalogue().byDepartement.get(code.trim().toUpperCase()) ?? [])];
}
