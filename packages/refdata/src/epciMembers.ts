import type { Commune } from "./commune.js";
import { communeByCode } from "./communeByCode.js";
import { readDecoupageData } from "./readDecoupageData.js";

interface RawEpci {
  code: string;
  membres: { code: string }[];
}

let membersBySiren: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The member communes of an EPCI (intercommunal body) given its SIREN, in French alphabetical
 * order: a tenant such as the CCPLM (200035707) serves exactly these. Unknown SIREN: [].
 */
export function epciMembers(sirenEpci: string): Commune[] {
  membersBySiren ??= new Map(readDecoupageData<RawEpci[]>("epci").map((epci) => [epci.code, epci.membres.map((member) => member.code)]));
  const collator = new Intl.Collator("fr");
  return (membersBySiren.get(sirenEpci.trim()) ?? [])
    .map((code) => communeByCode(code))
    .filter((commune): commune is Commune => commune !== undefined)
    .sort((a, b) => collator.compare(a.nom, b.nom));
}
