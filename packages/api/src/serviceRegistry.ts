import { serviceCitizenRepository, transaction, type Database } from "@guichet/db";
import { normalizeForSearch } from "@guichet/refdata";
import { birthDateToIso, type Identity } from "@guichet/schema";
import { readRegistryCsv, type RegistryProblem } from "./registryCsv";
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

export type RegistryImport =
  | { readonly ok: true; readonly read: number; readonly added: number; readonly updated: number }
  | { readonly ok: false; readonly problems: readonly RegistryProblem[] };

/**
 * Loads a service's registry from CSV (`cle;nom;prenoms;date_naissance;courriel`, see `readRegistryCsv`):
 * every row is checked first, and only a file without a problem is written, in one transaction, so an
 * import is whole or absent even when the process is killed. Rows are merged by key, claims kept.
 */
export async function importServiceRegistry(
  db: Database,
  serviceId: string,
  csv: string,
  options: { today?: string; onWrite?: (rows: number) => void } = {},
): Promise<RegistryImport> {
  const { rows, problems } = readRegistryCsv(csv, options.today ?? new Date().toISOString().slice(0, 10));
  if (problems.length > 0) return { ok: false, problems };
  options.onWrite?.(rows.length);
  const counts = await transaction(db, (tx) => serviceCitizenRepository(tx).importRows(serviceId, rows));
  return { ok: true, read: rows.length, ...counts };
}
