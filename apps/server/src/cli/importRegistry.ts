/**
 * Operator command: loads a service's registry of known citizens from CSV.
 *   npm run import:registry -- <service> <file.csv>
 * Columns: cle;nom;prenoms;date_naissance;courriel. Re-importing a file updates rows by key.
 */
import { readFile } from "node:fs/promises";
import { importServiceRegistry, loadTenant } from "@guichet/api";
import { openDatabase } from "@guichet/db";
import { readDatabaseUrl, readTenantPath } from "../settings";

const [serviceId, file] = process.argv.slice(2);
const tenant = loadTenant(readTenantPath(process.env));
if (!serviceId || !file) {
  console.error("Usage : npm run import:registry -- <service> <fichier.csv>");
  process.exit(2);
}
if (!tenant.services.some((s) => s.id === serviceId)) {
  console.error(`Service inconnu « ${serviceId} » ; services du territoire : ${tenant.services.map((s) => s.id).join(", ")}`);
  process.exit(2);
}
const db = await openDatabase(readDatabaseUrl(process.env));
try {
  const result = await importServiceRegistry(db, serviceId, await readFile(file, "utf8"));
  console.log(`${result.imported} ligne(s) importée(s) pour le service ${serviceId}.`);
  for (const r of result.rejected) console.log(`  ligne ${r.line} refusée : ${r.reason}`);
  process.exitCode = result.rejected.length ? 1 : 0;
} catch (error) {
  console.error(`Import impossible : ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await db.close();
}
