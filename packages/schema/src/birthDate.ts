import { fr } from "./catalogue";

const FORMAT = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Checks a JJ/MM/AAAA date against the calendar and `today` (YYYY-MM-DD); returns a message or undefined. */
export function birthDateProblem(value: string, today: string): string | undefined {
  const m = FORMAT.exec(value.trim());
  if (!m) return fr.identity.dateFormat;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const d = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (d.getUTCFullYear() !== Number(yyyy) || d.getUTCMonth() !== Number(mm) - 1 || d.getUTCDate() !== Number(dd)) return fr.identity.dateReal;
  const iso = `${yyyy}-${mm}-${dd}`;
  if (iso < "1900-01-01") return fr.identity.dateTooOld;
  if (iso >= today) return fr.identity.datePast;
  return undefined;
}

/** "01/05/1975" → "1975-05-01" (assumes a valid date). */
export const birthDateToIso = (value: string) => value.trim().split("/").reverse().join("-");
