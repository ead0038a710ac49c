/**
 * Delay before the next try after `attempts` failures: 1 s, 2 s, 4 s … up to `maxMs` (5 min), so a
 * mail server down for an hour is retried every few minutes, not hammered.
 */
export function exponentialBackoff(attempts: number, baseMs = 1_000, maxMs = 5 * 60_000): number {
  const exponent = Math.max(0, attempts - 1);
  // Capping the exponent first keeps 2 ** exponent finite for absurd attempt counts.
  return Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 52));
}
