import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cryptoRandom } from "./cryptoRandom.js";
import { pictograms } from "./pictograms.js";
import { PICTURE_SIZE, rasterisePicture } from "./rasterisePicture.js";
import { renderPictogram } from "./renderPictogram.js";

const crayon = pictograms.find((p) => p.name === "crayon")!;

describe("rasterisePicture", () => {
  it("gives two drawings of the same pictogram different pixels, not only different bytes", async () => {
    const [a, b] = await Promise.all([0, 1].map(() => rasterisePicture(renderPictogram(crayon, cryptoRandom), cryptoRandom)));
    expect(a!.equals(b!)).toBe(false);
    const [pa, pb] = await Promise.all([a!, b!].map((img) => sharp(img).raw().toBuffer()));
    let differing = 0;
    for (let i = 0; i < pa!.length; i++) if (Math.abs(pa![i]! - pb![i]!) > 24) differing++;
    // Tilt, place, size and colours move most of the picture, not a few pixels of noise.
    expect(differing / pa!.length).toBeGreaterThan(0.1);
  });

  it("draws the same image twice from the same drawing with other bytes (the noise is its own)", async () => {
    const svg = renderPictogram(crayon, cryptoRandom);
    const [a, b] = await Promise.all([0, 1].map(() => rasterisePicture(svg, cryptoRandom)));
    expect(a!.equals(b!)).toBe(false);
  });

  it("keeps the picture small enough to send nine at once", async () => {
    const images = await Promise.all(pictograms.map((p) => rasterisePicture(renderPictogram(p, cryptoRandom), cryptoRandom)));
    // The noise is random, so is the size: over 560 pictures, 4.6 KB at the median, 5.8 KB at the 99th
    // percentile, 6.1 KB at most. The bound leaves room for that tail; nine stay under 72 KB.
    for (const image of images) {
      expect(image.length).toBeLessThan(8_000);
      expect((await sharp(image).metadata()).width).toBe(PICTURE_SIZE);
    }
  });
});
