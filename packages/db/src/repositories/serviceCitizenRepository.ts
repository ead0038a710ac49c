import { randomUUID } from "node:crypto";
import type { Runner } from "../transaction";

/** A service's record of a citizen, as matching needs it: names folded, birth date YYYY-MM-DD. */
export interface ServiceRecord {
  readonly key: string;
  readonly nomKey: string;
  readonly prenomsKey: string;
  readonly dateNaissance: string;
  readonly claimedBy: string | null;
}

type Raw = { key: string; nom_key: string; prenoms_key: string; date_naissance: string; claimed_by: string | null };
const read = (r: Raw): ServiceRecord => ({
  key: r.key,
  nomKey: r.nom_key,
  prenomsKey: r.prenoms_key,
  dateNaissance: r.date_naissance,
  claimedBy: r.claimed_by ?? null,
});
const COLUMNS = "key, nom_key, prenoms_key, date_naissance, claimed_by";

/** The `service_citizen` table: the services' registries, each key claimed by one account at most. */
export function serviceCitizenRepository(db: Runner) {
  return {
    /** Unclaimed records of a service with this birth date and one of these folded names. */
    async unclaimedCandidates(serviceId: string, dateNaissance: string, nomKeys: readonly string[]): Promise<ServiceRecord[]> {
      if (nomKeys.length === 0) return [];
      const rows = await db.execute<Raw>(
        `select ${COLUMNS} from service_citizen where service_id = ? and date_naissance = ? and claimed_by is null and nom_key in (${nomKeys.map(() => "?").join(", ")})`,
        [serviceId, dateNaissance, ...nomKeys],
      );
      return rows.map(read);
    },
    async byKey(serviceId: string, key: string): Promise<ServiceRecord | undefined> {
      const rows = await db.execute<Raw>(`select ${COLUMNS} from service_citizen where service_id = ? and key = ?`, [serviceId, key]);
      return rows[0] ? read(rows[0]) : undefined;
    },
    /** Claims an unclaimed key for an account; false when it was claimed already (or does not exist). */
    async claim(serviceId: string, key: string, accountId: string): Promise<boolean> {
      const rows = await db.execute("update service_citizen set claimed_by = ? where service_id = ? and key = ? and claimed_by is null returning id", [
        accountId,
        serviceId,
        key,
      ]);
      return rows.length === 1;
    },
    /** Gives a key back to its service: no longer this account's, free to be claimed by the right citizen. */
    async release(serviceId: string, key: string, accountId: string): Promise<boolean> {
      const rows = await db.execute("update service_citizen set claimed_by = null where service_id = ? and key = ? and claimed_by = ? returning id", [
        serviceId,
        key,
        accountId,
      ]);
      return rows.length === 1;
    },
    /** Writes a record by its key, keeping who claimed it: importing the same record twice changes nothing. */
    async upsert(r: { serviceId: string; key: string; nomKey: string; prenomsKey: string; dateNaissance: string; email: string | null }): Promise<void> {
      const values = [r.nomKey, r.prenomsKey, r.dateNaissance, r.email];
      const updated = await db.execute(
        "update service_citizen set nom_key = ?, prenoms_key = ?, date_naissance = ?, email = ? where service_id = ? and key = ? returning id",
        [...values, r.serviceId, r.key],
      );
      if (updated.length > 0) return;
      await db.execute(
        "insert into service_citizen (id, service_id, key, nom_key, prenoms_key, date_naissance, email, claimed_by) values (?, ?, ?, ?, ?, ?, ?, null)",
        [randomUUID(), r.serviceId, r.key, ...values],
      );
    },
    /**
     * Writes a service's rows by key, keeping who claimed each (a re-import merges: rows absent from the
     * file stay). Batched, so 10,000 rows are 20 statements; the caller runs it in one transaction.
     */
    async importRows(
      serviceId: string,
      rows: ReadonlyArray<{ key: string; nomKey: string; prenomsKey: string; dateNaissance: string; email: string | null }>,
    ): Promise<{ added: number; updated: number }> {
      const known = new Set((await db.execute<{ key: string }>("select key from service_citizen where service_id = ?", [serviceId])).map((r) => r.key));
      const BATCH = 500;
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        await db.execute(
          `insert into service_citizen (id, service_id, key, nom_key, prenoms_key, date_naissance, email, claimed_by) values ${batch.map(() => "(?, ?, ?, ?, ?, ?, ?, null)").join(", ")}
           on conflict (service_id, key) do update set nom_key = excluded.nom_key, prenoms_key = excluded.prenoms_key, date_naissance = excluded.date_naissance, email = excluded.email`,
          batch.flatMap((r) => [randomUUID(), serviceId, r.key, r.nomKey, r.prenomsKey, r.dateNaissance, r.email]),
        );
      }
      const updated = rows.filter((r) => known.has(r.key)).length;
      return { added: rows.length - updated, updated };
    },
    async hasAny(serviceId: string): Promise<boolean> {
      return (await db.execute("select 1 from service_citizen where service_id = ? limit 1", [serviceId])).length > 0;
    },
  };
}
export type ServiceCitizenRepository = ReturnType<typeof serviceCitizenRepository>;
