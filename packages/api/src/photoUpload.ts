import { randomBytes } from "node:crypto";
import { photoRepository, type Database } from "@guichet/db";

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/**
 * A 48-megapixel phone photo passes; a small file that would unpack into gigabytes (a PNG of one colour,
 * 20,000 px a side) is refused from its header, before anything is decoded.
 */
export const PHOTO_MAX_PIXELS = 50_000_000;

export const photoMessages = {
  tooLarge: "La photo dépasse 5 Mo. Choisissez une image plus légère.",
  notAnImage: "Le fichier choisi n’est pas une image JPEG ou PNG.",
  unreadable: "Cette image est illisible ou endommagée. Choisissez-en une autre.",
  tooManyPixels: "Cette image est trop grande (plus de 50\u00a0millions de pixels). Choisissez-en une plus petite.",
} as const;

export type PhotoResult = { ok: true; photoId: string; mime: string; bytes: number } | { ok: false; status: 413 | 415 | 422; message: string };

/**
 * Checks an upload by its content (never its name), then re-encodes it: the stored image keeps its pixels
 * (turned upright, at most 1,200 px) and none of its metadata (GPS position, camera, dates).
 */
export async function storePhoto(db: Database, flowId: string, upload: Buffer, now: Date): Promise<PhotoResult> {
  if (upload.length > PHOTO_MAX_BYTES) return { ok: false, status: 413, message: photoMessages.tooLarge };
  // sharp (libvips) loads with the first photo, not at start: most servers at rest never see one.
  const { default: sharp } = await import("sharp");
  let format: string | undefined;
  let pixels = 0;
  try {
    // The header only: its size is judged below, with a sentence of its own.
    const header = await sharp(upload, { limitInputPixels: false }).metadata();
    format = header.format;
    pixels = (header.width ?? 0) * (header.height ?? 0);
  } catch {
    return { ok: false, status: 415, message: photoMessages.notAnImage };
  }
  if (pixels > PHOTO_MAX_PIXELS) return { ok: false, status: 422, message: photoMessages.tooManyPixels };
  if (format !== "jpeg" && format !== "png") return { ok: false, status: 415, message: photoMessages.notAnImage };
  let data: Buffer;
  try {
    const image = sharp(upload, { failOn: "error", limitInputPixels: PHOTO_MAX_PIXELS })
      .rotate()
      .resize({ width: 1200, height: 1200, fit: "inside", withoutEnlargement: true });
    data = await (format === "png" ? image.png() : image.jpeg({ quality: 85 })).toBuffer();
  } catch {
    return { ok: false, status: 422, message: photoMessages.unreadable };
  }
  const photoId = randomBytes(24).toString("base64url");
  const mime = format === "png" ? "image/png" : "image/jpeg";
  await photoRepository(db).insert({ id: photoId, flowId, mime, data, createdAt: now });
  return { ok: true, photoId, mime, bytes: data.length };
}

export async function readPhoto(db: Database, flowId: string, photoId: string) {
  return photoRepository(db).read(photoId, flowId);
}
