import type { Challenge } from './challenge.js';

/** What a browser may see of a challenge: the pictures and the questions, never an answer. */
export interface PublicChallenge {
  id: string;
  prompt: string;
  /** `svg` is a `data:image/svg+xml;base64,…` URL, ready for an `<img src>`. */
  cells: Array<{ key: string; svg: string }>;
  alternative: { question: string };
}

/** Strips a challenge down to what a browser may see (fields are copied one by one, never spread). */
export function publicChallenge(challenge: Challenge): PublicChallenge {
  return {
    id: challenge.id,
    prompt: challenge.prompt,
    cells: challenge.cells.map(({ key, svg }) => ({
      key,
      svg: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
    })),
    alternative: { question: challenge.alternative.question },
  };
}
