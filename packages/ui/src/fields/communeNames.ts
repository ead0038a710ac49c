// The flow stores a commune as its INSEE code; the view names the saved one (valueLabel) and the page
// remembers the names it was shown in this tab, for a commune chosen but not yet sent.
const key = "guichet.communes";
const names = new Map<string, string>(read());

function read(): Array<[string, string]> {
  try {
    return Object.entries(JSON.parse(sessionStorage.getItem(key) ?? "{}") as Record<string, string>);
  } catch {
    return [];
  }
}

export const isInseeCode = (s: string) => /^\d[\dAB]\d{3}$/.test(s);

export function rememberCommune(code: string, nom: string) {
  names.set(code, nom);
  try {
    sessionStorage.setItem(key, JSON.stringify(Object.fromEntries(names)));
  } catch {
    /* storage unavailable: the name lasts as long as the page */
  }
}

export const communeName = (code: string) => names.get(code);
