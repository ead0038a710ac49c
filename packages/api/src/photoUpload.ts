import { randomBytes } from "node:crypto";
import { photoRepository, type Database } from "@guichet/db";
import { decodeQueue } from "./photoDecodeQueue";

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/**
 * A 48-megapixel phone photo passes; a small file that would unpack into gigabytes (a PNG of one colour,
 * 20,000 px a side) is refused from its header, before anything is decoded.
 */
export const PHOTO_MAX_PIXELS = 50_000_000;
/**
 * Each side too: libvips holds whole scanlines, so one row 49,999,999 px wide (a 6 KB file) cost 340 MB.
 * 10,000 px keeps every phone photo and panorama a form needs.
 */
export const PHOTO_MAX_SIDE = 10_000;
/**
 * A PNG is decoded at full size (a JPEG is shrunk while it loads): a 7,000² 16-bit PNG of 381 KB cost
 * 108 MB. 4,096² keeps any scan or screenshot an identity photo is taken from.
 */
export const PHOTO_MAX_PNG_PIXELS = 4096 * 4096;
/** One decode at a time, four waiting: six hostile uploads at once stay under 300 MB for the whole server. */
const decodes = decodeQueue({ running: 1, waiting: 4 });

export const photoMessages = {
  tooLarge: "La photo dépasse 5 Mo. Choisissez une image plus légère.",
  notAnImage: "Le fichier choisi n’est pas une image JPEG ou PNG.",
  unreadable: "Cette image est illisible ou endommagée. Choisissez-en une autre.",
  tooManyPixels: "Cette image est trop grande (plus de 50\u00a0millions de pixels). Choisissez-en une plus petite.",
  sideTooLong: "Cette image est trop large ou trop haute (plus de 10\u00a0000\u00a0pixels de côté). Choisissez-en une plus petite.",
  pngTooLarge: "Cette image PNG est trop grande (plus de 4\u00a0096\u00a0×\u00a04\u00a0096\u00a0pixels). Choisissez-en une plus petite, ou une photo JPEG.",
  busy: "Beaucoup de photos sont envoyées en ce moment. Réessayez dans quelques instants.",
} as const;

export type PhotoResult = { ok: true; photoId: string; mime: string; bytes: number } | { ok: false; status: 413 | 415 | 422 | 503; message: string };

/**
 * Checks an upload by its content (never its name), then re-encodes it: the stored image keeps its pixels
 * (turned upright, at most 1,200 px) and none of its metadata (GPS position, camera, dates).
 */
export async function storePhoto(db: Database, flowId: string, upload: Buffer, now: Date): Promise<PhotoResult> {
  if (upload.length > PHOTO_MAX_BYTES) return { ok: false, status: 413, message: photoMessages.tooLarge };
  // sharp (libvips) loads with the first photo, not at start: most servers at rest never see one.
  const { default: sharp } = await import("sharp");
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    // The header only: its size is judged below, with a sentence of its own, before any pixel is decoded.
    const header = await sharp(upload, { limitInputPixels: false }).metadata();
    format = header.format;
    width = header.width ?? 0;
    height = header.height ?? 0;
  } catch {
    return { ok: false, status: 415, message: photoMessages.notAnImage };
  }
  if (width * height > PHOTO_MAX_PIXELS) return { ok: false, status: 422, message: photoMessages.tooManyPixels };
  if (width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE) return { ok: false, status: 422, message: photoMessages.sideTooLong };
  if (format !== "jpeg" && format !== "png") return { ok: false, status: 415, message: photoMessages.notAnImage };
  if (format === "png" && width * height > PHOTO_MAX_PNG_PIXELS) return { ok: false, status: 422, message: photoMessages.pngTooLarge };
  const decoded = await decodes.run(async () => {
    try {
      const limits = { failOn: "error", limitInputPixels: format === "png" ? PHOTO_MAX_PNG_PIXELS : PHOTO_MAX_PIXELS } as const;
      if (format === "png") {
        // 8 bits per channel on a white background from the first step: a 16-bit or transparent PNG
        // would otherwise be resized at 16 bits or in floating point, twice to four times the memory.
        const png = sharp(upload, { ...limits, sequentialRead: true })
          .pipelineColourspace("srgb")
          .flatten({ background: "#ffffff" })
          .rotate()
          .resize({ width: 1200, height: 1200, fit: "inside", withoutEnlargement: true })
          .toColourspace("srgb");
        return await png.png().toBuffer();
      }
      // A JPEG is shrunk while it loads; anything added before the resize would turn that off.
      const jpeg = sharp(upload, limits).rotate().resize({ width: 1200, height: 1200, fit: "inside", withoutEnlargement: true });
      return await jpeg.jpeg({ quality: 85 }).toBuffer();
    } catch {
      return undefined;
    }
  });
  if (!decoded) return { ok: false, status: 503, message: photoMessages.busy };
  if (!decoded.value) return { ok: false, status: 422, message: photoMessages.unreadable };
  const data = decoded.value;
  const photoId = randomBytes(24).toString("base64url");
  const mime = format === "png" ? "image/png" : "image/jpeg";
  await photoRepository(db).insert({ id: photoId, flowId, mime, data, createdAt: now });
  return { ok: true, photoId, mime, bytes: data.length };
}

export async function readPhoto(db: Database, flowId: string, photoId: string) {
  return photoRepository(db).read(photoId, flowId);
}
