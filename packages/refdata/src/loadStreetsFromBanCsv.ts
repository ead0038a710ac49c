import { semicolonCsvRows } from "./semicolonCsvRows.js";
import { StreetIndex, type StreetRow } from "./streetIndex.js";

/** The BAN columns a street needs; every other column (numero, lon, lat, id…) is ignored. */
const requiredColumns = ["code_insee", "nom_commune", "code_postal", "nom_voie"] as const;

/**
 * Reads a file in the Base Adresse Nationale CSV format (semicolon-separated, columns found by
 * their header name in any order) into a StreetIndex with one entry per (commune, street name).
 * Throws, in French for the operator who supplied the file, when a needed column is missing.
 */
export function loadStreetsFromBanCsv(text: string): StreetIndex {
  const rows = semicolonCsvRows(text);
  const header = rows.next();
  if (header.done === true) throw new Error("Le fichier des voies est vide : une ligne d’en-tête BAN est attendue.");
  const names = header.value.map((name) => name.trim().toLowerCase());
  const missing = requiredColumns.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new Error(`Colonnes manquantes dans le fichier des voies (format BAN) : ${missing.join(", ")}.`);
  }
  const [insee, commune, postal, voie] = requiredColumns.map((column) => names.indexOf(column)) as [number, number, number, number];
  return new StreetIndex(streetRows(rows, insee, commune, postal, voie));
}

function* streetRows(rows: Iterator<string[]>, insee: number, commune: number, postal: number, voie: number): Generator<StreetRow> {
  for (let row = rows.next(); row.done !== true; row = rows.next()) {
    const fields = row.value;
    yield {
      codeInsee: fields[insee] ?? "",
      nomCommune: fields[commune] ?? "",
      codePostal: fields[postal] ?? "",
      nomVoie: fields[voie] ?? "",
    };
  }
}
