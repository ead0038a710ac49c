/** A uniform number in [0, 1) from the platform's CSPRNG: ids and answers must not be predictable. */
export function cryptoRandom(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}
