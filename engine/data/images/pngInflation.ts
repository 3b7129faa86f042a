/**
 * A PNG's pixel data may inflate to no more than its header promises:
 * height rows of a filter byte and width × bits-per-pixel (per interlace pass
 * when interlaced). A deflate stream can expand about 1,000-fold, so a 10 MB
 * file declaring 100×100 pixels could otherwise ask for 10 GB while being
 * decoded. The stream is inflated here, 4 KB of input at a time (each
 * giving at most about 4 MB), and refused the moment it passes the
 * promise; only then does the decoder see it. A file whose pixel data is too
 * short to inflate past 4 MB at all is left to the decoder: the check's own
 * buffers cost a small picture more than decoding it (50,000 28×28 PNGs took
 * 80 s with the check, most of it collecting its garbage).
 */
import { Unzlib } from 'fflate';

/** The one error of ours: anything else fflate throws means broken data, which the decoder names. */
class InflatesTooFar extends Error {}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Deflate's largest expansion (a run of one byte): about 1,032 to 1. */
const MAX_DEFLATE_RATIO = 1032;
const CHUNK_BYTES = 4 * 1024;
const UNCHECKED_INFLATION_BYTES = MAX_DEFLATE_RATIO * CHUNK_BYTES;

/** Adam7's seven passes: each takes every dx-th pixel from x0 of every dy-th row from y0. */
export const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** The bytes the filtered scanlines of a width×height image take. */
export function pngDataBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rowBytes = (columns: number) => 1 + Math.ceil((columns * bitsPerPixel) / 8);
  if (!interlaced) return height * rowBytes(width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const columns = Math.ceil((width - x0) / dx);
    const rows = Math.ceil((height - y0) / dy);
    if (columns > 0 && rows > 0) total += rows * rowBytes(columns);
  }
  return total;
}

/** Throws when the IDAT stream inflates past what IHDR promises; a stream that is merely broken is left for the decoder to name. */
export function checkPngInflation(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33) return;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24]!;
  const channels = CHANNELS[bytes[25]!];
  if (channels === undefined) return;
  const promised = pngDataBytes(width, height, channels * depth, bytes[28] === 1);
  if (idatBytes(bytes, view) * MAX_DEFLATE_RATIO <= Math.max(promised, UNCHECKED_INFLATION_BYTES)) return;
  let inflated = 0;
  const stream = new Unzlib((chunk) => {
    inflated += chunk.length;
    if (inflated > promised) throw new InflatesTooFar(`its pixel data inflates past the ${promised.toLocaleString('en-US')} bytes its ${width}×${height} header promises`);
  });
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (at + 12 + length > bytes.length || type === 'IEND') break;
    if (type === 'IDAT') {
      for (let k = 0; k < length; k += CHUNK_BYTES) {
        try {
          stream.push(bytes.subarray(at + 8 + k, at + 8 + Math.min(length, k + CHUNK_BYTES)));
        } catch (error) {
          if (error instanceof InflatesTooFar) throw error;
          return; // not valid deflate: the decoder says so in its own words
        }
      }
    }
    at += 12 + length;
  }
}

/** The length of the file's pixel data (its IDAT chunks), as far as the file is whole. */
function idatBytes(bytes: Uint8Array, view: DataView): number {
  let total = 0;
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    if (at + 12 + length > bytes.length) break;
    if (bytes[at + 4] === 0x49 && bytes[at + 5] === 0x44 && bytes[at + 6] === 0x41 && bytes[at + 7] === 0x54) total += length; // IDAT
    at += 12 + length;
  }
  return total;
}
