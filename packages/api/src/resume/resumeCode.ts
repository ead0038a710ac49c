import { randomInt } from "node:crypto";

/** Letters and digits that cannot be taken for one another: no 0/O, 1/I/L, nor U (read as V). */
export const RESUME_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RESUME_CODE_LENGTH = 8;

/** A fresh code, 8 characters (about 39 bits): guessing it is throttled, and it lives 30 minutes. */
export function newResumeCode(): string {
  let code = "";
  for (let i = 0; i < RESUME_CODE_LENGTH; i++) code += RESUME_CODE_ALPHABET[randomInt(RESUME_CODE_ALPHABET.length)];
  return code;
}

/** As shown and read aloud: `K7QM-4P2X`. */
export const formatResumeCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/**
 * The code as typed, made canonical: any case, spaces and dashes ignored, U read as V.
 * Undefined when it cannot be a code at all.
 */
export function normalizeResumeCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s\-–.]/g, "")
    .replace(/U/g, "V");
  if (code.length !== RESUME_CODE_LENGTH) return undefined;
  return [...code].every((c) => RESUME_CODE_ALPHABET.includes(c)) ? code : undefined;
}
