/**
 * French typography for texts written elsewhere (a tenant's CGU, notices, news): a no-break space
 * before : and a narrow one before ; ! ? », after «, so none wraps alone to the next line on a phone;
 * the typographic apostrophe ’ between letters. Applied when drawn, so a tenant's file may be typed plainly.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/(\p{L})'(?=\p{L})/gu, "$1’")
    .replace(/[ \u00a0]+:/g, "\u00a0:")
    .replace(/[ \u00a0]+([;!?»])/g, "\u202f$1")
    .replace(/«[ \u00a0]+/g, "«\u202f");
}

/** A phone number never broken across lines: "04 68 76 69 40" with no-break spaces. */
export const unbreakablePhone = (phone: string): string => phone.replace(/ /g, "\u00a0");

/** Sample arguments a catalogue's function is called with: a text and a number, else a list of texts. */
function sampleCall(f: (...a: unknown[]) => unknown): unknown {
  try {
    return f("x", 2);
  } catch {
    return f(["x", "y"], 2);
  }
}

/** The strings of a catalogue, deep, functions called with a sample argument: what a typography check reads. */
export function catalogueStrings(value: unknown, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "function") return catalogueStrings(sampleCall(value as (...a: unknown[]) => unknown), path);
  if (Array.isArray(value)) return value.flatMap((v, i) => catalogueStrings(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => catalogueStrings(v, path ? `${path}.${k}` : k));
  return [];
}

/** A plain space before ? ! : ; » (or after «), which lets the sign wrap alone. */
export const breakableBeforeSign = /[ \t\n]([?!:;»])|«[ \t\n]/;

/** A straight apostrophe between letters ("l'usager"), where French typography wants ’ ("l’usager"). */
export const straightApostrophe = /\p{L}'\p{L}/u;
