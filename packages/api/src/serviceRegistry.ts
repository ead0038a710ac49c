import { serviceCitizenRepository, type Database } from "@guichet/db";
import { normalizeForSearch } from "@guichet/refdata";
import { birthDateToIso, type Identity } from "@guichet/schema";
import type { KeyCheck, ServiceDirectory } from "./serviceDirectory";

const fold = (s: string | undefined) => normalizeForSearch(s ?? "");
const firstName = (prenoms: string | undefined) => fold(prenoms).split(" ")[0] ?? "";

interface RegistryRecord {
  readonly nomKey: string;
  readonly prenomsKey: string;
  readonly dateNaissance: string;
}

/**
 * The one rule that says a service's record is this citizen's: same birth date, the record's folded
 * name is their usual or birth name, and the record's first given name is one of theirs. It fills in
 * keys automatically and it judges keys typed by hand, so a key opens nothing for anyone else.
 */
export function recordIsCitizens(record: RegistryRecord, identity: Identity | undefined): boolean {
  if (!identity?.dateNaissance) return false;
  if (record.dateNaissance !== birthDateToIso(identity.dateNaissance)) return false;
  const names = [fold(identity.nomUsuel), fold(identity.nomNaissance)].filter(Boolean);
  if (!names.includes(record.nomKey)) return false;
  return new Set(fold(identity.prenoms).split(" ")).has(firstName(record.prenomsKey));
}

/** The services' registries in the database: matching by folded names and birth date, keys claimed once. */
export function databaseServiceDirectory(db: Database): ServiceDirectory {
  const registry = serviceCitizenRepository(db);
  return {
    async match(serviceId, identity: Identity) {
      if (!identity.dateNaissance) return undefined;
      const names = [...new Set([fold(identity.nomUsuel), fold(identity.nomNaissance)].filter(Boolean))];
      const rows = await registry.unclaimedCandidates(serviceId, birthDateToIso(identity.dateNaissance), names);
      const matches = rows.filter((r) => recordIsCitizens(r, identity));
      // Two records for one identity would be a guess: then the citizen types the key the service gave.
      return matches.length === 1 ? matches[0]!.key : undefined;
    },
    /**
     * A typed key is "ok" only when its record is the citizen's. A stranger learns nothing: someone else's
     * key, claimed or not, is "wrong" like a key that does not exist; only its owner hears "taken".
     */
    async check(serviceId, key, identity): Promise<KeyCheck> {
      const record = await registry.byKey(serviceId, key.trim().toUpperCase());
      if (!record || !recordIsCitizens(record, identity)) return "wrong";
      return record.claimedBy ? "taken" : "ok";
    },
  };
}

export interface RegistryImport {
  readonly imported: number;
  readonly rejected: ReadonlyArray<{ line: number; reason: string }>;
}

/**
 * Loads a service's registry from CSV (`cle;nom;prenoms;date_naissance;courriel`, header first, dates
 * JJ/MM/AAAA or AAAA-MM-JJ). Rows are upserted by key, so importing the same file twice changes nothing.
 */
export async function importServiceRegistry(db: Database, serviceId: string, csv: string): Promise<RegistryImport> {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines.shift() ?? "").split(";").map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [iKey, iNom, iPrenoms, iDate, iMail] = ["cle", "nom", "prenoms", "date_naissance", "courriel"].map(col);
  if ([iKey, iNom, iPrenoms, iDate].some((i) => i === undefined || i < 0)) {
    throw new Error("en-tête attendu : cle;nom;prenoms;date_naissance;courriel");
  }
  const rejected: Array<{ line: number; reason: string }> = [];
  let imported = 0;
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const cells = line.split(";").map((c) => c.trim());
    const key = (cells[iKey!] ?? "").toUpperCase();
    const rawDate = cells[iDate!] ?? "";
    const date = /^\d{2}\/\d{2}\/\d{4}$/.test(rawDate) ? birthDateToIso(rawDate) : rawDate;
    if (!/^[A-Z0-9-]{4,40}$/.test(key)) {
      rejected.push({ line: index + 2, reason: "clé invalide" });
      continue;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      rejected.push({ line: index + 2, reason: "date de naissance invalide" });
      continue;
    }
    await serviceCitizenRepository(db).upsert({
      serviceId,
      key,
      nomKey: fold(cells[iNom!]),
      prenomsKey: fold(cells[iPrenoms!]),
      dateNaissance: date,
      email: iMail! >= 0 ? cells[iMail!] || null : null,
    });
    imported++;
  }
  return { imported, rejected };
}
