import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { GuichetClient } from "@guichet/client";

/** A proof of work solved in Node, as a script pays for it: for tests that drive the API with the check on. */
export async function solvedPow(client: GuichetClient): Promise<string | undefined> {
  const challenge = (await client.pow.challenge.mutate()) as Challenge | null;
  if (!challenge) return undefined;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}
