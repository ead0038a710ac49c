import { Schema } from "effect";
import { fr } from "./catalogue";
import { requiredText } from "./text";
import { INVISIBLE, scriptOf } from "./writingScript";

// Syntax only (RFC 5321 lengths, one @, a dotted ASCII domain); whether it exists is the activation e-mail's job.
const EMAIL = /^[^\s@"<>()[\],;:\\]{1,64}@(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const isEmail = (s: string) => EMAIL.test(s.trim());

// What the URL parser must not read as anything but a host name.
const NOT_A_HOST = /[\s/?#@:\\%[\]]/u;

/**
 * The domain in IDNA (ASCII, punycode) form, through the URL parser's UTS #46 processing, the same in the
 * browser and on the server: « exemple.fr », « EXEMPLE.FR » and « exemple．fr » are one domain, and
 * « bücher.de » is kept as the « xn--bcher-kva.de » mail servers use. A domain the parser refuses stays as typed.
 */
export function domainToAscii(domain: string): string {
  if (/^[\x21-\x7e]*$/.test(domain) || NOT_A_HOST.test(domain)) return domain.toLowerCase();
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return domain;
  }
}

/** An address as the guichet keeps it: NFC, trimmed, its domain in IDNA form; the local part as typed. */
export function canonicalEmail(v: string): string {
  const s = v.normalize("NFC").trim();
  const at = s.lastIndexOf("@");
  if (at < 0) return s;
  return `${s.slice(0, at)}@${domainToAscii(s.slice(at + 1))}`;
}

/**
 * Why the part before @ is refused, or `undefined`: an invisible or direction-changing character (U+200B,
 * U+200E, U+202E…), or letters of two scripts (a Cyrillic « і » among Latin ones), so that no address
 * looks like another one it is not.
 */
export function emailLocalPartProblem(email: string): string | undefined {
  if (INVISIBLE.test(email)) return fr.contacts.courrielInvisible;
  const local = email.slice(0, Math.max(0, email.lastIndexOf("@")));
  if (scriptOf(local) === undefined) return fr.contacts.courrielMixedScripts;
  return undefined;
}

/** A courriel field, wherever an address is typed (MOYENS DE CONTACT, « Changer mon adresse électronique »). */
export const Courriel = requiredText(fr.contacts.courrielRequired, 254).check(
  Schema.makeFilter((s: string) => (s.trim() === "" ? true : (emailLocalPartProblem(s) ?? (isEmail(s) || fr.contacts.courrielFormat)))),
);
