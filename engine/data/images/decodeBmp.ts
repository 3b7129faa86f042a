/**
 * Uncompressed Windows bitmaps: 24- and 32-bit, and 8-bit with a palette
 * (what paint programs save by default). Rows are stored bottom-up unless the
 * height is negative, each padded to 4 bytes.
 */
import type { RgbaImage } from './decodeImage';

export function decodeBmp(bytes: Uint8Array): RgbaImage {
  if (bytes.length < 54) throw new Error('the file is cut short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) throw new Error(`bad size ${width}×${rawHeight}`);
  if (compression !== 0 && !(compression === 3 && bitsPerPixel === 32)) throw new Error('compressed bitmaps are not supported');
  if (![8, 24, 32].includes(bitsPerPixel)) throw new Error(`${bitsPerPixel}-bit bitmaps are not supported`);
  const rowBytes = Math.ceil((width * bitsPerPixel) / 32) * 4;
  if (dataOffset + rowBytes * height > bytes.length) throw new Error('the pixel data is cut short');
  const paletteOffset = 14 + headerSize;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (rawHeight > 0 ? height - 1 - y : y) * rowBytes;
    for (let x = 0; x < width; x++) {
      let b: number, g: number, r: number;
      if (bitsPerPixel === 8) {
        const entry = paletteOffset + (bytes[row + x] as number) * 4;
        [b, g, r] = [bytes[entry] ?? 0, bytes[entry + 1] ?? 0, bytes[entry + 2] ?? 0];
      } else {
        const p = row + x * (bitsPerPixel / 8);
        [b, g, r] = [bytes[p] as number, bytes[p + 1] as number, bytes[p + 2] as number];
      }
      rgba.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}
