import { createHash, randomBytes } from "node:crypto";

/** A long random secret (256 bits) for links and flow tokens; only its hash is ever stored. */
export const newSecretToken = () => randomBytes(32).toString("base64url");

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
