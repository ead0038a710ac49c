import type { Pictogram } from "./pictogram.js";
import { randomBetween } from "./randomBetween.js";
import { shuffled } from "./shuffled.js";

/**
 * Draws one grid cell: the pictogram with its own colour, tilt, size, place, coordinate jitter and
 * faint noise strokes and specks. This markup never leaves the server: `rasterisePicture` turns it
 * into pixels with noise of their own. It holds shapes only: no text, title or name.
 */
export function renderPictogram(pictogram: Pictogram, random: () => number): string {
  const hue = Math.floor(randomBetween(random, 0, 360));
  // Dark outline (about 3:1 or more on the pale background) and a pale fill of the same hue.
  const stroke = `hsl(${hue},${Math.floor(randomBetween(random, 55, 80))}%,${Math.floor(randomBetween(random, 20, 30))}%)`;
  const fill = `hsl(${hue},${Math.floor(randomBetween(random, 55, 85))}%,${Math.floor(randomBetween(random, 78, 90))}%)`;
  const background = `hsl(${Math.floor(randomBetween(random, 0, 360))},40%,${Math.floor(randomBetween(random, 96, 99))}%)`;
  const n = (value: number) => (value + randomBetween(random, -1.5, 1.5)).toFixed(1);

  const angle = randomBetween(random, -22, 22).toFixed(1);
  const scale = randomBetween(random, 0.72, 0.95).toFixed(3);
  const dx = randomBetween(random, -7, 7).toFixed(1);
  const dy = randomBetween(random, -7, 7).toFixed(1);
  const width = randomBetween(random, 3.2, 4.6).toFixed(1);

  const noise = Array.from({ length: 2 + Math.floor(random() * 3) }, () => {
    const x1 = randomBetween(random, 0, 100).toFixed(1);
    const y1 = randomBetween(random, 0, 100).toFixed(1);
    const cx = randomBetween(random, 0, 100).toFixed(1);
    const cy = randomBetween(random, 0, 100).toFixed(1);
    const x2 = randomBetween(random, 0, 100).toFixed(1);
    const y2 = randomBetween(random, 0, 100).toFixed(1);
    const noiseHue = Math.floor(randomBetween(random, 0, 360));
    return `<path d="M${x1} ${y1} Q${cx} ${cy} ${x2} ${y2}" fill="none" stroke="hsl(${noiseHue},30%,75%)" stroke-width="1"/>`;
  });
  const specks = Array.from({ length: 6 + Math.floor(random() * 8) }, () => {
    const cx = randomBetween(random, 0, 100).toFixed(1);
    const cy = randomBetween(random, 0, 100).toFixed(1);
    const r = randomBetween(random, 0.6, 2.2).toFixed(1);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="hsl(${Math.floor(randomBetween(random, 0, 360))},35%,70%)"/>`;
  });
  noise.push(...specks);
  const [before, after] = splitAt(shuffled(noise, random), Math.floor(random() * (noise.length + 1)));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="160" height="160">` +
    `<rect width="100" height="100" fill="${background}"/>` +
    before.join("") +
    `<g transform="translate(${dx} ${dy}) rotate(${angle} 50 50) translate(50 50) scale(${scale}) translate(-50 -50)" ` +
    `stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round">` +
    pictogram.draw({ n, stroke, fill }) +
    `</g>` +
    after.join("") +
    `</svg>`
  );
}

function splitAt<T>(items: T[], index: number): [T[], T[]] {
  return [items.slice(0, index), items.slice(index)];
}
