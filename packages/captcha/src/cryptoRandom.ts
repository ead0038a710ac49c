import { randomFillSync } from "node:crypto";

// Drawn from the CSPRNG a few thousand values at a time: a challenge takes hundreds of them, and one
// call per value to the platform costs more than the rest of the drawing.
const buffer = new Uint32Array(4096);
let next = buffer.length;

/** A uniform number in [0, 1) from the platform's CSPRNG: ids and answers must not be predictable. */
export function cryptoRandom(): number {
  if (next === buffer.length) {
    randomFillSync(buffer);
    next = 0;
  }
  return buffer[next++]! / 2 ** 32;
}
