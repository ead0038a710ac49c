import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** Side of a cell's image in pixels: sharp on the page's 120 CSS px cell, and on a kiosk's larger one. */
export const PICTURE_SIZE = 160;

// A pool of noise drawn once per process; each cell takes a window at a random place in it, so
// the noise costs a copy in JavaScript and never repeats between cells.
const POOL = 512;
let pool: Buffer | undefined;
function noisePool(): Buffer {
  if (!pool) {
    const bytes = randomBytes(POOL * POOL * 3 * 2);
    pool = Buffer.allocUnsafe(POOL * POOL * 3);
    // The mean of two uniform bytes: centred on grey, so the soft-light blend darkens and lightens alike.
    for (let i = 0; i < pool.length; i++) pool[i] = (bytes[2 * i]! + bytes[2 * i + 1]!) >> 1;
  }
  return pool;
}

function noiseWindow(random: () => number): Buffer {
  const source = noisePool();
  const x = Math.floor(random() * (POOL - PICTURE_SIZE));
  const y = Math.floor(random() * (POOL - PICTURE_SIZE));
  const row = PICTURE_SIZE * 3;
  const out = Buffer.allocUnsafe(PICTURE_SIZE * row);
  for (let r = 0; r < PICTURE_SIZE; r++) {
    const start = ((y + r) * POOL + x) * 3;
    source.copy(out, r * row, start, start + row);
  }
  return out;
}

/**
 * Turns a cell's drawing into a WebP image with pixel noise, at a random quality: the browser gets
 * pixels only, and the same picture never has the same bytes twice. sharp renders and encodes on
 * its own threads; what runs here is building the noise window (a copy of 77 KB).
 */
export async function rasterisePicture(svg: string, random: () => number): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: (72 * PICTURE_SIZE) / 160 })
    .composite([{ input: noiseWindow(random), raw: { width: PICTURE_SIZE, height: PICTURE_SIZE, channels: 3 }, blend: 'soft-light' }])
    .webp({ quality: 45 + Math.floor(random() * 20), effort: 2 })
    .toBuffer();
}

/** A data URL for an `<img src>`: the page needs no second request, and there is nothing to fetch by name. */
export async function pictureDataUrl(svg: string, random: () => number): Promise<string> {
  return `data:image/webp;base64,${(await rasterisePicture(svg, random)).toString('base64')}`;
}
