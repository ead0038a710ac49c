/**
 * Little words a citizen may type or leave out ("general de gaulle", "rue poste"): a query does
 * not fail for lack of them, and a name does not rank lower for carrying them.
 */
export const stopWords: ReadonlySet<string> = new Set(["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "sur"]);
