import { parse } from "csv-parse/sync";
import { normalizeForSearch } from "@guichet/refdata";
import { birthDateProblem, birthDateToIso, isEmail, isPersonNameText } from "@guichet/schema";

/** A registry file larger than this is refused before it is read: 20 MB holds some 200,000 families. */
export const REGISTRY_MAX_BYTES = 20 * 1024 * 1024;
/** As the `service_citizen` columns hold them. */
const NAME_MAX = 100;
const EMAIL_MAX = 254;

/** A row ready to be written: key in capitals, names folded, birth date YYYY-MM-DD. */
export interface RegistryRow {
  readonly key: string;
  readonly nomKey: string;
  readonly prenomsKey: string;
  readonly dateNaissance: string;
  readonly email: string | null;
}

/** What is wrong with one line: the column and the rule, never the line's values (they are personal data). */
export interface RegistryProblem {
  readonly line: number;
  readonly reason: string;
}

export const registryMessages = {
  header: "en-tête attendu\u00a0: cle;nom;prenoms;date_naissance;courriel (courriel facultatif)",
  empty: "le fichier ne contient aucune ligne après l’en-tête",
  tooLarge: `le fichier dépasse ${REGISTRY_MAX_BYTES / 1024 / 1024}\u00a0Mo\u00a0: découpez-le par service ou par année`,
  fieldCount: (found: number, wanted: number) => `${found} champ(s) au lieu de ${wanted}`,
  quoteNotClosed: "guillemet ouvert et jamais refermé",
  quoteMisplaced: 'guillemet mal placé (un champ entre guillemets doit l’être tout entier, un guillemet dedans s’écrit "")',
  malformed: "ligne illisible (séparateur, guillemets ou encodage)",
  control: (column: string) => `${column}\u00a0: caractère de contrôle ou invisible`,
  key: "cle\u00a0: de 4 à 40 lettres sans accent, chiffres ou tirets",
  duplicate: (first: number) => `cle\u00a0: en double, déjà ligne ${first} (les clés ne distinguent pas majuscules et minuscules)`,
  required: (column: string) => `${column}\u00a0: obligatoire`,
  nameTooLong: (column: string) => `${column}\u00a0: plus de ${NAME_MAX}\u00a0caractères`,
  nameChars: (column: string) => `${column}\u00a0: seules les lettres, les espaces, les apostrophes et les traits d’union sont acceptés`,
  dateFormat: "date_naissance\u00a0: au format JJ/MM/AAAA ou AAAA-MM-JJ",
  date: (problem: string) => `date_naissance\u00a0: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`,
  email: "courriel\u00a0: adresse électronique invalide (laissez vide s’il n’y en a pas)",
} as const;

// C0 and C1 controls (NUL included), and the invisible or bidirectional marks that disguise a value.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const KEY = /^[A-Za-z0-9-]{4,40}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^\d{2}\/\d{2}\/\d{4}$/;
const COLUMNS = ["cle", "nom", "prenoms", "date_naissance"] as const;

/** csv-parse's error codes, said in French; its own messages quote the line's text. */
const syntaxReason = (code: string | undefined) =>
  code === "CSV_QUOTE_NOT_CLOSED"
    ? registryMessages.quoteNotClosed
    : code === "CSV_INVALID_CLOSING_QUOTE" || code === "INVALID_OPENING_QUOTE"
      ? registryMessages.quoteMisplaced
      : registryMessages.malformed;

/**
 * Reads a registry file (`;`-separated, header first, quotes, BOM and CRLF as spreadsheets write them)
 * and checks every row before anything is written: a file with one problem imports nothing, and each
 * problem names its line and column only.
 */
export function readRegistryCsv(csv: string, today: string): { rows: RegistryRow[]; problems: RegistryProblem[] } {
  if (Buffer.byteLength(csv) > REGISTRY_MAX_BYTES) return { rows: [], problems: [{ line: 0, reason: registryMessages.tooLarge }] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(csv, {
      delimiter: ";",
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    return { rows: [], problems: [{ line: lines ?? 0, reason: syntaxReason(code) }] };
  }
  const [head, ...body] = records;
  const header = (head?.record ?? []).map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries([...COLUMNS, "courriel"].map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number] | "courriel", number>;
  if (!head || COLUMNS.some((c) => at[c] < 0)) return { rows: [], problems: [{ line: 1, reason: registryMessages.header }] };
  if (body.length === 0) return { rows: [], problems: [{ line: 2, reason: registryMessages.empty }] };

  const rows: RegistryRow[] = [];
  const problems: RegistryProblem[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const { record, info } of body) {
    // The line a record starts on: csv-parse counts where it ends, and a quoted field may hold line breaks.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const refuse = (reason: string) => problems.push({ line, reason });
    if (record.length !== header.length) {
      refuse(registryMessages.fieldCount(record.length, header.length));
      continue;
    }
    const badColumn = record.findIndex((field) => CONTROL.test(field));
    if (badColumn >= 0) {
      refuse(registryMessages.control(header[badColumn] || `colonne ${badColumn + 1}`));
      continue;
    }
    const cell = (column: keyof typeof at) => (at[column] >= 0 ? (record[at[column]] ?? "").trim() : "");
    const before = problems.length;

    const key = cell("cle");
    if (!KEY.test(key)) refuse(registryMessages.key);
    else {
      const first = firstLineOfKey.get(key.toUpperCase());
      if (first !== undefined) refuse(registryMessages.duplicate(first));
      else firstLineOfKey.set(key.toUpperCase(), line);
    }

    const names = (["nom", "prenoms"] as const).map((column) => {
      const value = cell(column);
      const folded = normalizeForSearch(value);
      if (!value) refuse(registryMessages.required(column));
      else if (value.length > NAME_MAX || folded.length > NAME_MAX) refuse(registryMessages.nameTooLong(column));
      else if (!isPersonNameText(value) || !folded) refuse(registryMessages.nameChars(column));
      return folded;
    });

    const rawDate = cell("date_naissance");
    const iso = ISO_DATE.exec(rawDate);
    const frDate = iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : rawDate;
    if (!rawDate) refuse(registryMessages.required("date_naissance"));
    else if (!FR_DATE.test(frDate)) refuse(registryMessages.dateFormat);
    else {
      const problem = birthDateProblem(frDate, today);
      if (problem) refuse(registryMessages.date(problem));
    }

    const email = cell("courriel");
    if (email && (email.length > EMAIL_MAX || !isEmail(email))) refuse(registryMessages.email);

    if (problems.length > before) continue;
    rows.push({ key: key.toUpperCase(), nomKey: names[0]!, prenomsKey: names[1]!, dateNaissance: birthDateToIso(frDate), email: email || null });
  }
  return { rows, problems };
}
