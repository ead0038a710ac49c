import type { Challenge } from "./challenge.js";
import { createAlternative } from "./createAlternative.js";
import { pictograms } from "./pictograms.js";
import { randomKey } from "./randomKey.js";
import { renderPictogram } from "./renderPictogram.js";
import { shuffled } from "./shuffled.js";

/**
 * Draws a new check: a grid of 6 or 9 distinct pictures (a varying size makes blind guessing and
 * layout-based scripts a little harder), one of them the target named in the prompt.
 */
export function createChallenge(random: () => number): Challenge {
  const size = random() < 0.5 ? 6 : 9;
  const chosen = shuffled(pictograms, random).slice(0, size);
  const target = chosen[Math.floor(random() * chosen.length)]!;
  const cells = chosen.map((pictogram) => ({
    pictogram,
    key: randomKey(random, 12),
    svg: renderPictogram(pictogram, random),
  }));
  return {
    id: randomKey(random, 24),
    prompt: `Choisissez ${target.label}`,
    target: target.name,
    cells: cells.map(({ key, svg }) => ({ key, svg })),
    answerKey: cells.find((cell) => cell.pictogram === target)!.key,
    alternative: createAlternative(random),
  };
}
