import type { Commune } from "./commune.js";
import { communeCatalogue } from "./communeCatalogue.js";

export interface CommunesByPostalCodeOptions {
  /** Keep only these INSEE codes, e.g. the tenant's own communes. */
  within?: Iterable<string>;
}

/**
 * The communes sharing a postal code, in French alphabetical order: several communes often do
 * (11150 is Bram, Pexiora, Villasavary, Villepinte and Villesiscle), so the form offers a choice.
 */
export function communesByPostalCode(postalCode: string, options: CommunesByPostalCodeOptions = {}): Commune[] {
  const communes = communeCatalogue().byPostalCode.get(postalCode.trim()) ?? [];
  if (options.within === undefined) return [...communes];
  const within = new Set(options.within);
  return communes.filter((commune) => within.has(commune.code));
}
