import type { Commune } from "./commune.js";
import { readDecoupageData } from "./readDecoupageData.js";
import { searchTokens } from "./searchTokens.js";
import { TokenIndex } from "./tokenIndex.js";

interface RawCommune {
  code: string;
  nom: string;
  departement: string;
  type: string;
  codesPostaux?: string[];
  population?: number | null;
}

/** Every current commune, loaded once with the lookups the public functions share. */
export interface CommuneCatalogue {
  /** Largest population first: the order in which equally good search results are shown. */
  readonly communes: readonly Commune[];
  readonly byCode: ReadonlyMap<string, Commune>;
  /** By département and by postal code, each list in French alphabetical order. */
  readonly byDepartement: ReadonlyMap<string, readonly Commune[]>;
  readonly byPostalCode: ReadonlyMap<string, readonly Commune[]>;
  readonly index: TokenIndex;
}

let cached: CommuneCatalogue | undefined;

export function communeCatalogue(): CommuneCatalogue {
  cached ??= load();
  return cached;
}

function load(): CommuneCatalogue {
  const collator = new Intl.Collator("fr");
  // Only current communes: delegated and associated ones no longer exist as such, and Paris, Lyon
  // and Marseille are one commune each, not their arrondissements.
  const raw = readDecoupageData<RawCommune[]>("communes")
    .filter((commune) => commune.type === "commune-actuelle")
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || collator.compare(a.nom, b.nom));
  const communes = raw.map((commune): Commune =>
    Object.freeze({
      code: commune.code,
      nom: commune.nom,
      departement: commune.departement,
      codesPostaux: Object.freeze([...(commune.codesPostaux ?? [])]),
    }),
  );

  const byDepartement = new Map<string, Commune[]>();
  const byPostalCode = new Map<string, Commune[]>();
  for (const commune of communes) {
    pushTo(byDepartement, commune.departement, commune);
    for (const postalCode of commune.codesPostaux) pushTo(byPostalCode, postalCode, commune);
  }
  const byName = (a: Commune, b: Commune): number => collator.compare(a.nom, b.nom) || a.code.localeCompare(b.code);
  for (const list of [...byDepartement.values(), ...byPostalCode.values()]) list.sort(byName);

  return {
    communes,
    byCode: new Map(communes.map((commune) => [commune.code, commune])),
    byDepartement,
    byPostalCode,
    index: new TokenIndex(communes.map((commune) => searchTokens(commune.nom))),
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
