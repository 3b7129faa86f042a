/**
 * A PNG's pixel data may inflate to no more than its header promises:
 * height rows of a filter byte and width × bits-per-pixel (per interlace pass
 * when interlaced). A deflate stream can expand about 1,000-fold, so a 10 MB
 * file declaring 100×100 pixels could otherwise ask for 10 GB while being
 * decoded. The stream is inflated here, a kilobyte of input at a time (each
 * giving at most about a megabyte), and refused the moment it passes the
 * promise; only then does the decoder see it.
 */
import { Unzlib } from 'fflate';

/** The one error of ours: anything else fflate throws means broken data, which the decoder names. */
class InflatesTooFar extends Error {}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

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
      for (let k = 0; k < length; k += 1024) {
        try {
          stream.push(bytes.subarray(at + 8 + k, at + 8 + Math.min(length, k + 1024)));
        } catch (error) {
          if (error instanceof InflatesTooFar) throw error;
          return; // not valid deflate: the decoder says so in its own words
        }
      }
    }
    at += 12 + length;
  }
}
