/** A date column as a row hands it back: SQLite gives epoch milliseconds (or their text), PostgreSQL Date objects or text. */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : (v as string | number)));
