import type { Commune } from "./commune.js";
import { communeByCode } from "./communeByCode.js";
import { readDecoupageData } from "./readDecoupageData.js";

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  chefLieu?: string;
  anciensCodes?: string[];
}

/** Where an INSEE code of a commune that no longer exists as such leads today. */
export interface HistoricalCommune {
  /** The current commune that took it in. */
  readonly commune: Commune;
  /** Its own name when the data still has it (delegated or associated commune), e.g. "Annecy-le-Vieux". */
  readonly nomHistorique?: string;
}

let byOldCode: ReadonlyMap<string, { current: string; nom?: string }> | undefined;

/**
 * The current commune of an INSEE code, be it current or historical: a commune merged into a
 * "commune nouvelle" (delegated or associated commune, `chefLieu` in the data) or whose code
 * changed (`anciensCodes`). Undefined when the code is not in the offline data, which only knows
 * the changes INSEE's Code officiel géographique lists in @etalab/decoupage-administratif.
 */
export function communeByHistoricalCode(code: string): HistoricalCommune | undefined {
  const trimmed = code.trim().toUpperCase();
  const current = communeByCode(trimmed);
  if (current) return { commune: current };
  byOldCode ??= load();
  const old = byOldCode.get(trimmed);
  const commune = old && communeByCode(old.current);
  if (!old || !commune) return undefined;
  return old.nom === undefined ? { commune } : { commune, nomHistorique: old.nom };
}

function load(): ReadonlyMap<string, { current: string; nom?: string }> {
  const map = new Map<string, { current: string; nom?: string }>();
  const raw = readDecoupageData<RawCommune[]>("communes");
  for (const row of raw) {
    if (row.type === "commune-actuelle") {
      for (const old of row.anciensCodes ?? []) if (!map.has(old)) map.set(old, { current: row.code });
    }
  }
  // A delegated or associated commune's own row also gives its name; it wins over the bare code.
  for (const row of raw) {
    if ((row.type === "commune-deleguee" || row.type === "commune-associee") && row.chefLieu && row.chefLieu !== row.code) {
      map.set(row.code, { current: row.chefLieu, nom: row.nom });
    }
  }
  return map;
}
