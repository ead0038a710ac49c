import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from "node:crypto";
import { promisify } from "node:util";
import { hashToken } from "../secretToken";

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number, options: object) => Promise<Buffer>;

/** How a resume secret is found (its stored hash) and the key that opens the flow's token sealed under it. */
export interface SecretKeys {
  readonly lookup: string;
  readonly key: Buffer;
}

/**
 * A resume code is short (about 39 bits): both its stored hash and its key come from scrypt, so that a
 * copy of the database does not give the code, nor the flow's token, within the code's 30 minutes.
 */
export async function codeKeys(code: string): Promise<SecretKeys> {
  const derived = await scryptAsync(code, "guichet:resume-code", 64, { N: 2 ** 14, r: 8, p: 1 });
  return { lookup: derived.subarray(0, 32).toString("hex"), key: derived.subarray(32) };
}

/** A link secret is 256 random bits: a plain hash is enough. */
export function linkKeys(link: string): SecretKeys {
  return { lookup: hashToken(link), key: createHash("sha256").update(`guichet:resume-seal:${link}`).digest() };
}

/** The flow's token, encrypted (AES-256-GCM) for whoever holds the secret; bound to the secret's row. */
export function seal(token: string, key: Buffer, secretId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(secretId));
  const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function unseal(sealed: string, key: Buffer, secretId: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(secretId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
