/** A number in [min, max) from the injected source of randomness, so tests can replay a draw. */
export function randomBetween(random: () => number, min: number, max: number): number {
  return min + random() * (max - min);
}
