import { randomBytes } from "node:crypto";

let sequence = 0;

/**
 * A new message id that sorts by time as plain text: UTC timestamp to the millisecond, then a
 * per-process counter (same millisecond), then random hex (another process, same millisecond).
 */
export function mailboxId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "");
  sequence = (sequence + 1) % 1_000_000;
  return `${stamp}-${String(sequence).padStart(6, "0")}-${randomBytes(3).toString("hex")}`;
}
