/**
 * An image's size read from its header, before anything is decoded: PNG's
 * IHDR, JPEG's start-of-frame marker, GIF's logical screen, BMP's info
 * header, WebP's VP8/VP8L/VP8X chunk. A file that claims more pixels than
 * the limits is refused here, without allocating the image: a 3.5 MB PNG
 * that declares 60000×60000 pixels would otherwise ask for 14.4 GB.
 */
import type { ImageFormat } from './decodeImage';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Largest side accepted: beyond this a "picture" is more likely a scan or a mistake, and slow to decode. */
export const MAX_IMAGE_SIDE = 8192;
/** Largest number of pixels accepted (a 24-megapixel photograph): decoding one takes about 100 MB as RGBA. */
export const MAX_IMAGE_PIXELS = 24_000_000;

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => ((u16be(b, at) << 16) >>> 0) + u16be(b, at + 2);
const i32le = (b: Uint8Array, at: number) => (u16le(b, at) | (u16le(b, at + 2) << 16)) | 0;

function truncated(format: string, bytes: Uint8Array, needed: number): void {
  if (bytes.length < needed) throw new Error(`truncated ${format}: ${bytes.length} bytes, its header alone needs ${needed}`);
}

function png(bytes: Uint8Array): [number, number] {
  truncated('PNG', bytes, 33);
  // The signature (8 bytes), then IHDR: length, "IHDR", width, height (big-endian).
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('corrupt PNG: its first chunk is not IHDR');
  return [u32be(bytes, 16), u32be(bytes, 20)];
}

/** JPEG: walk the markers to the first start of frame (SOF0-SOF15, less DHT, JPG and DAC), which holds height then width. */
function jpeg(bytes: Uint8Array): [number, number] {
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`corrupt JPEG: no marker at byte ${at}`);
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) { at++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; } // no length
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return [u16be(bytes, at + 7), u16be(bytes, at + 5)];
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or image data before any frame header
    at += 2 + u16be(bytes, at + 2);
  }
  throw new Error('corrupt or truncated JPEG: no frame header before its data');
}

function gif(bytes: Uint8Array): [number, number] {
  truncated('GIF', bytes, 13);
  return [u16le(bytes, 6), u16le(bytes, 8)];
}

function bmp(bytes: Uint8Array): [number, number] {
  truncated('BMP', bytes, 26);
  const infoSize = u16le(bytes, 14);
  // The old OS/2 header has 16-bit sizes; every later one 32-bit, the height negative for top-down rows.
  if (infoSize === 12) return [u16le(bytes, 18), u16le(bytes, 20)];
  return [Math.abs(i32le(bytes, 18)), Math.abs(i32le(bytes, 22))];
}

function webp(bytes: Uint8Array): [number, number] {
  truncated('WebP', bytes, 30);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ') return [u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff];
  if (chunk === 'VP8L') {
    const bits = (bytes[21] ?? 0) | ((bytes[22] ?? 0) << 8) | ((bytes[23] ?? 0) << 16) | ((bytes[24] ?? 0) << 24);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8X') return [u24le(bytes, 24) + 1, u24le(bytes, 27) + 1];
  throw new Error(`corrupt WebP: unknown chunk "${chunk.replace(/[^\x20-\x7e]/g, '?')}"`);
}

const READERS: Record<ImageFormat, (bytes: Uint8Array) => [number, number]> = { png, jpeg, gif, bmp, webp };

/** The size the file declares; throws (in words) when the header is missing or cut short. */
export function readImageHeader(bytes: Uint8Array, format: ImageFormat): ImageHeader {
  const [width, height] = READERS[format](bytes);
  return { format, width, height };
}

/** A size past the limits: said as it is, never as corruption (decodeImage passes it through unprefixed). */
export class ImageTooLarge extends Error {}

/** Throws, naming the size, when a declared size is empty or past the limits; nothing has been decoded yet. */
export function checkImageSize({ format, width, height }: ImageHeader): void {
  const name = format.toUpperCase();
  if (width === 0 || height === 0) throw new Error(`corrupt ${name}: it declares ${width}×${height} pixels`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) throw new ImageTooLarge(`${width}×${height} is larger than ${MAX_IMAGE_SIDE} pixels on a side (read from its header; not decoded)`);
  if (width * height > MAX_IMAGE_PIXELS) throw new ImageTooLarge(`${width}×${height} is ${((width * height) / 1e6).toFixed(1)} megapixels, more than ${MAX_IMAGE_PIXELS / 1e6} (read from its header; not decoded)`);
}
