/**
 * INSEE country codes (Code officiel géographique, "99" + 3 digits) → ISO 3166-1 alpha-2, the code
 * IDENTITÉ's "Pays de naissance" holds. Only the countries listed here: INSEE's table of countries,
 * which carries the ISO codes, is not available offline yet, and an unlisted code is refused with a
 * French message (the citizen then fills IDENTITÉ by hand). 99100 is France.
 */
export const inseeCountryToIso: ReadonlyMap<string, string> = new Map([
  ["99100", "FR"],
  ["99109", "DE"],
  ["99127", "IT"],
  ["99131", "BE"],
  ["99132", "GB"],
  ["99134", "ES"],
  ["99135", "NL"],
  ["99137", "LU"],
  ["99139", "PT"],
  ["99140", "CH"],
  ["99350", "MA"],
  ["99351", "TN"],
  ["99352", "DZ"],
  ["99401", "CA"],
  ["99404", "US"],
]);
