import type { Challenge } from "./challenge.js";
import { pictureDataUrl } from "./rasterisePicture.js";

/** What a browser may see of a challenge: the pictures and the questions, never an answer. */
export interface PublicChallenge {
  id: string;
  prompt: string;
  /** `src` is a `data:image/webp;base64,…` URL, ready for an `<img src>`: pixels, no markup. */
  cells: Array<{ key: string; src: string }>;
  alternative: { question: string };
}

/**
 * Strips a challenge down to what a browser may see (fields are copied one by one, never spread),
 * each picture turned into pixels. The cells are drawn at once: sharp spreads them over its threads.
 */
export async function publicChallenge(challenge: Challenge, random: () => number): Promise<PublicChallenge> {
  const sources = await Promise.all(challenge.cells.map(({ svg }) => pictureDataUrl(svg, random)));
  return {
    id: challenge.id,
    prompt: challenge.prompt,
    cells: challenge.cells.map(({ key }, i) => ({ key, src: sources[i]! })),
    alternative: { question: challenge.alternative.question },
  };
}
