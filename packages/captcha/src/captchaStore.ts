/** A challenge as stored: hashes only, so a leaked table reveals no answer. */
export interface CaptchaRecord {
  id: string;
  /** The registration flow the challenge was issued to; no other flow may answer it. */
  flowId: string;
  /** sha256 of the target cell's key (see `hashAnswer`). */
  answerHash: string;
  /** sha256 of each accepted, normalised answer to the question in words. */
  altAnswerHashes: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The challenge's id at an outside captcha service (CaptchEtat's uuid), never sent to a browser. */
  externalId?: string;
  /** Set when an answer was checked against it: a challenge is good for one answer only. */
  used: boolean;
}

/** Where the server keeps challenges (its database); `inMemoryCaptchaStore` for tests and demos. */
export interface CaptchaStore {
  save(record: CaptchaRecord): Promise<void>;
  get(id: string): Promise<CaptchaRecord | undefined>;
  /**
   * Writes `record` only if the stored one exists and is not yet used, and says whether it wrote.
   * Must be atomic (SQL: `UPDATE … WHERE id = ? AND used = false`, then check the row count):
   * it is what keeps two simultaneous answers from both being checked against one challenge.
   */
  update(record: CaptchaRecord): Promise<boolean>;
  delete(id: string): Promise<void>;
}
