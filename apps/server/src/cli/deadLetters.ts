/**
 * Operator command: the e-mails given up for good (refused by the mail server, or still failing
 * after a day of retries), newest first, with the reason. The citizen can ask for a new e-mail.
 *   npm run outbox:dead
 */
import { openDatabase } from "@guichet/db";
import { deadLetters } from "../outboxStore";
import { readSettings, SettingsError } from "../settings";

try {
  const db = await openDatabase(readSettings(process.env).databaseUrl);
  try {
    const letters = await deadLetters(db);
    if (letters.length === 0) console.log("Aucun courriel abandonné.");
    for (const l of letters) {
      console.log(`${l.deadAt.toISOString()}  ${l.template.padEnd(18)} ${l.recipient}  (${l.attempts} essai(s), écrit le ${l.createdAt.toISOString()})`);
      console.log(`    ${l.lastError}`);
    }
  } finally {
    await db.close();
  }
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(`Configuration refusée : ${error.message}`);
  process.exitCode = 2;
}
