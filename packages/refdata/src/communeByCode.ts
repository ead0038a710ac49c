import type { Commune } from "./commune.js";
import { communeCatalogue } from "./communeCatalogue.js";

/** The current commune with this INSEE code ("95500"), or undefined. */
export function communeByCode(code: string): Commune | undefined {
  return communeCatalogue().byCode.get(code.trim().toUpperCase());
}
