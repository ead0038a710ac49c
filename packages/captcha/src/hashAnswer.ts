import { createHash } from "node:crypto";

/**
 * Hashes an answer with the challenge id as salt: the store never holds an answer in clear, and
 * the record keeps the shape the store already has (the id is unique and random per challenge).
 */
export function hashAnswer(challengeId: string, answer: string): string {
  return createHash("sha256").update(`${challengeId}\u0000${answer}`).digest("hex");
}
