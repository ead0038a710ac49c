import { createHash, createHmac } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { createChallenge, randomInt, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { Option, Schema } from "effect";
import { rateLimitRepository, type Database } from "@guichet/db";

/**
 * How much work a solution costs: PBKDF2-SHA-256 of `cost` iterations, repeated for every counter
 * from 0 up to a secret one drawn between `counterMin` and `counterMax`. PBKDF2 runs natively in
 * browsers (WebCrypto) and in Node alike, so a script pays what a browser pays.
 */
export interface PowDifficulty {
  readonly cost: number;
  readonly counterMin: number;
  readonly counterMax: number;
  /** A challenge not answered within this time is refused. */
  readonly ttlMs: number;
}

/** About half a second in a browser on an ordinary computer (figures: docs/abuse-limits.md). */
export const defaultPowDifficulty: PowDifficulty = { cost: 5_000, counterMin: 150, counterMax: 450, ttlMs: 10 * 60_000 };

export const POW_ALGORITHM = "PBKDF2/SHA-256";

/** What the page says when its proof of work was missing or refused; the page fetches a new one and retries once first. */
export const powMessages = {
  required:
    "Le contrôle de sécurité automatique de votre navigateur n’a pas pu être vérifié. Veuillez réessayer\u00a0; si le problème persiste, rechargez la page.",
  expired: "Le contrôle de sécurité automatique de votre navigateur a expiré. Veuillez réessayer.",
  replayed: "Ce contrôle de sécurité automatique a déjà servi. Veuillez réessayer.",
} as const;

/** The solution as the page sends it: base64 of the JSON `{ challenge, solution }`, as ALTCHA's widget does. */
export const POW_MAX_LENGTH = 2_000;

const Hex = (max: number) => Schema.String.check(Schema.isMaxLength(max), Schema.isPattern(/^[0-9a-f]*$/));
const Payload = Schema.Struct({
  challenge: Schema.Struct({
    parameters: Schema.Struct({
      algorithm: Schema.Literal(POW_ALGORITHM),
      nonce: Hex(64),
      salt: Hex(64),
      cost: Schema.Int,
      keyLength: Schema.Int,
      keyPrefix: Hex(64),
      keySignature: Hex(128),
      expiresAt: Schema.Int,
    }),
    signature: Hex(128),
  }),
  solution: Schema.Struct({ counter: Schema.Int, derivedKey: Hex(128) }),
});
const decodePayload = Schema.decodeUnknownOption(Payload);

export interface ProofOfWorkDeps {
  readonly db: Database;
  /** GUICHET_POW_SECRET: every process that may check a solution must share it. */
  readonly secret: string;
  /** GUICHET_CAPTCHA=off (tests and demos): nothing is asked, and a `pow` given is ignored. */
  readonly disabled: boolean;
  readonly now: () => Date;
  readonly difficulty?: PowDifficulty;
}

const refused = (message: string) => new TRPCError({ code: "PRECONDITION_REQUIRED", message });

/**
 * The proof-of-work barrier (self-hosted ALTCHA): a cheap, signed challenge for anyone who asks,
 * and a check that the work was done, once. Spent solutions are remembered in the shared
 * `rate_limit` table until their challenge expires, so a replay is refused by every process.
 */
export function createProofOfWork({ db, secret, disabled, now, difficulty = defaultPowDifficulty }: ProofOfWorkDeps) {
  // Two keys from one setting: one signs the challenge, the other the expected key (checked with one HMAC, no re-derivation).
  const derive = (label: string) => createHmac("sha256", secret).update(`guichet-pow:${label}`).digest("base64url");
  const hmacSignatureSecret = derive("challenge");
  const hmacKeySignatureSecret = derive("key");

  /** Claims the solution: true the first time only, whatever the process. */
  async function spend(signature: string, expiresAtSeconds: number): Promise<boolean> {
    const key = `pow_spent:${createHash("sha256").update(signature).digest("base64url").slice(0, 32)}`;
    return rateLimitRepository(db).insertOnce(key, expiresAtSeconds * 1000);
  }

  return {
    disabled,
    difficulty,

    /** A new challenge, or null when the check is off (the page then sends nothing). */
    async challenge(): Promise<Challenge | null> {
      if (disabled) return null;
      return createChallenge({
        algorithm: POW_ALGORITHM,
        cost: difficulty.cost,
        counter: randomInt(difficulty.counterMax, difficulty.counterMin),
        deriveKey,
        expiresAt: new Date(now().getTime() + difficulty.ttlMs),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
    },

    /** Throws a French PRECONDITION_REQUIRED unless `pow` is a fresh, unspent solution of one of our challenges. */
    async require(pow: string | undefined): Promise<void> {
      if (disabled) return;
      if (!pow || pow.length > POW_MAX_LENGTH) throw refused(powMessages.required);
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(pow, "base64").toString("utf8"));
      } catch {
        throw refused(powMessages.required);
      }
      const payload = Option.getOrUndefined(decodePayload(json));
      if (!payload) throw refused(powMessages.required);
      const { parameters } = payload.challenge;
      // Our clock first (tests move it), the library's own check after.
      if (parameters.expiresAt * 1000 <= now().getTime()) throw refused(powMessages.expired);
      const result = await verifySolution({
        challenge: payload.challenge,
        solution: payload.solution,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
      if (result.expired) throw refused(powMessages.expired);
      if (!result.verified) throw refused(powMessages.required);
      if (!(await spend(payload.challenge.signature, parameters.expiresAt))) throw refused(powMessages.replayed);
    },
  };
}
export type ProofOfWork = ReturnType<typeof createProofOfWork>;
