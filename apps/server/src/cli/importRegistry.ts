/**
 * Operator command: loads a service's registry of known citizens from CSV.
 *   npm run import:registry -- <service> <file.csv>
 * Columns: cle;nom;prenoms;date_naissance;courriel. Every row is checked first; a file with one problem
 * imports nothing. A re-import merges by key: rows absent from the file stay, and so do their claims.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { importServiceRegistry, loadTenant, REGISTRY_MAX_BYTES, registryMessages, TenantError, type Tenant } from "@guichet/api";
import { openDatabase } from "@guichet/db";
import { readDatabaseUrl, readTenantPath } from "../settings";

/** Problems listed at most; the count says how many more. */
const LISTED = 200;

const [serviceId, file] = process.argv.slice(2);
let tenant: Tenant;
try {
  tenant = loadTenant(readTenantPath(process.env));
} catch (error) {
  // The same French line as the server's start: a tenant file that cannot serve is named, never a stack trace.
  if (!(error instanceof TenantError)) throw error;
  console.error(`Configuration refusée : ${error.message}`);
  process.exit(2);
}
if (!serviceId || !file) {
  console.error("Usage : npm run import:registry -- <service> <fichier.csv>");
  process.exit(2);
}
if (!tenant.services.some((s) => s.id === serviceId)) {
  console.error(`Service inconnu « ${serviceId} » ; services du territoire : ${tenant.services.map((s) => s.id).join(", ")}`);
  process.exit(2);
}
// npm runs the command from the server's folder; the path was typed where INIT_CWD says.
const path = resolve(process.env.INIT_CWD || process.cwd(), file);
let csv: string;
try {
  // Its size first: nothing larger than the bound is ever read into memory.
  if ((await stat(path)).size > REGISTRY_MAX_BYTES) {
    console.error(`Import impossible : ${registryMessages.tooLarge}. Rien n’a été importé.`);
    process.exit(2);
  }
  csv = await readFile(path, "utf8");
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(`Import impossible : fichier ${code === "ENOENT" ? "introuvable" : "illisible"} (${path}).`);
  process.exit(2);
}

const db = await openDatabase(readDatabaseUrl(process.env));
try {
  const result = await importServiceRegistry(db, serviceId, csv, {
    onWrite: (rows) => console.log(`${rows} ligne(s) vérifiée(s) ; écriture en une seule transaction pour le service ${serviceId}…`),
  });
  if (result.ok) {
    console.log(
      `${result.read} ligne(s) importée(s) pour le service ${serviceId} : ${result.added} ajoutée(s), ${result.updated} mise(s) à jour. ` +
        "Import par fusion : les clés absentes du fichier restent dans le registre, avec l’espace qui les a associées.",
    );
    process.exitCode = 0;
  } else {
    console.log(`Rien n’a été importé : ${result.problems.length} ligne(s) à corriger dans le fichier, puis relancez l’import.`);
    for (const p of result.problems.slice(0, LISTED)) console.log(`  ${p.line ? `ligne ${p.line}` : "fichier"} : ${p.reason}`);
    if (result.problems.length > LISTED) console.log(`  … et ${result.problems.length - LISTED} autre(s).`);
    process.exitCode = 1;
  }
} catch (error) {
  // The database's own message can quote the statement and its values: only its code is said.
  const code = (error as { code?: unknown }).code;
  console.error(`Import impossible : la base de données a refusé l’écriture${typeof code === "string" ? ` (code ${code})` : ""}. Rien n’a été importé.`);
  process.exitCode = 2;
} finally {
  await db.close();
}
