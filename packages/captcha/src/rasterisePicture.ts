import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import type Sharp from "sharp";

/** Side of a cell's image in pixels: sharp on the page's 120 CSS px cell, and on a kiosk's larger one. */
export const PICTURE_SIZE = 160;

// Drawings wait their turn rather than take every core: a burst of challenges must leave the event loop
// a core to answer everyone else. One thread per drawing (libvips' own threads would fight for the rest).
const drawing = pLimit(Math.max(1, availableParallelism() - 1));

// sharp (libvips and its threads, some 10 MB resident) loads with the first picture drawn, not at start:
// a server that never shows a picture challenge never pays for it.
let loading: Promise<typeof Sharp> | undefined;
function loadSharp(): Promise<typeof Sharp> {
  loading ??= import("sharp").then(({ default: sharp }) => {
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

/**
 * Turns a cell's drawing into a WebP image darkened by a grain of gaussian noise, at a random
 * quality: the browser gets pixels only, and the same picture never has the same bytes twice.
 * sharp renders, adds the noise (libvips draws it) and encodes on its own threads; what runs on
 * the event loop is setting the pipeline up.
 */
export async function rasterisePicture(svg: string, random: () => number): Promise<Buffer> {
  const noise = { type: "gaussian" as const, mean: 232 + Math.floor(random() * 6), sigma: 14 + Math.floor(random() * 6) };
  const quality = 40 + Math.floor(random() * 16);
  const sharp = await loadSharp();
  return drawing(() =>
    sharp(Buffer.from(svg), { density: (72 * PICTURE_SIZE) / 160 })
      .composite([{ input: { create: { width: PICTURE_SIZE, height: PICTURE_SIZE, channels: 3, noise, background: "white" } }, blend: "multiply" }])
      .webp({ quality, effort: 2 })
      .toBuffer(),
  );
}

/** A data URL for an `<img src>`: the page needs no second request, and there is nothing to fetch by name. */
export async function pictureDataUrl(svg: string, random: () => number): Promise<string> {
  return `data:image/webp;base64,${(await rasterisePicture(svg, random)).toString("base64")}`;
}
