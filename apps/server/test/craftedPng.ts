import { once } from "node:events";
import { createDeflate, crc32 } from "node:zlib";

/**
 * A valid PNG of one colour whose header declares `width` × `height` at `bitDepth` bits per channel:
 * a few kilobytes that a decoder would unpack into hundreds of megabytes (the image bombs of issue 21).
 * Compressed as a stream of zero rows, so making it never holds the unpacked image.
 */
export async function craftedPng(width: number, height: number, options: { bitDepth?: 1 | 8 | 16; colour?: "grey" | "rgba" } = {}): Promise<Buffer> {
  const bitDepth = options.bitDepth ?? 8;
  const channels = options.colour === "rgba" ? 4 : 1;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = channels === 4 ? 6 : 0;
  // Each scanline is its filter byte (0) and zeros.
  const rowBytes = 1 + Math.ceil((width * channels * bitDepth) / 8);
  const rowsPerPiece = Math.max(1, Math.floor((4 << 20) / rowBytes));
  const zeros = Buffer.alloc(rowBytes * Math.min(rowsPerPiece, height));
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  for (let y = 0; y < height; y += rowsPerPiece) {
    if (!deflate.write(zeros.subarray(0, Math.min(rowsPerPiece, height - y) * rowBytes))) await once(deflate, "drain");
  }
  deflate.end();
  await once(deflate, "end");
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", Buffer.concat(out)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
