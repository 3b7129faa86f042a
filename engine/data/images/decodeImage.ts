/**
 * Decoding image files to RGBA in pure JavaScript (so it runs in Node, a
 * Worker and the browser): PNG (fast-png), JPEG (jpeg-js), GIF (./decodeGif.ts,
 * first frame) and uncompressed BMP (./decodeBmp.ts). The format is read from the bytes,
 * not the file name, and its size from the header (./imageHeader.ts) before
 * anything is decoded. WebP has no pure-JavaScript decoder here.
 */
import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { decodeBmp } from './decodeBmp';
import { decodeGif } from './decodeGif';
import { checkImageSize, ImageTooLarge, readImageHeader } from './imageHeader';
import { checkPngInflation } from './pngInflation';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row. */
  rgba: Uint8Array;
}

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';

export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x42, 0x4d)) return 'bmp';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  return undefined;
}

/** Throws an Error whose message says, in words, why the file cannot be read; a size past the limits is refused from the header, before decoding. */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  const format = sniffFormat(bytes);
  if (format) checkImageSize(readImageHeader(bytes, format));
  try {
    switch (format) {
      case 'png':
        checkPngInflation(bytes);
        return fromPng(bytes);
      case 'jpeg': {
        const image = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
        return { width: image.width, height: image.height, rgba: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
      }
      case 'gif':
        return decodeGif(bytes);
      case 'bmp':
        return decodeBmp(bytes);
      case 'webp':
        throw new Error('WebP is not supported by the command line (the app can read it)');
      default:
        throw new Error('not a PNG, JPEG, GIF, BMP or WebP image');
    }
  } catch (e) {
    if (e instanceof ImageTooLarge) throw e; // a frame's size, found while decoding: a limit, not corruption
    throw new Error(format && format !== 'webp' ? `corrupt or unsupported ${format.toUpperCase()}: ${decoderSays(e)}` : (e as Error).message || String(e), { cause: e });
  }
}

/**
 * The decoder's reason in words: a decoder that trips over damaged data often throws a JavaScript
 * error of its own ("Cannot read properties of undefined (reading '0')", "Unsupported filter:
 * undefined"), which says nothing to a student; that is said as damage, with the original after it.
 */
function decoderSays(e: unknown): string {
  const message = (e as Error).message || String(e);
  const tripped = e instanceof TypeError || e instanceof RangeError || /\bundefined\b|\bNaN\b/.test(message);
  return tripped ? `its data is damaged or cut short (the decoder stopped at: ${message})` : message;
}

function fromPng(bytes: Uint8Array): RgbaImage {
  const png = decodePng(bytes);
  const { width, height } = png;
  let data: ArrayLike<number> = png.data;
  let channels = png.channels;
  let max = png.depth === 16 ? 65535 : 255;
  if (png.palette) {
    data = convertIndexedToRgb(png);
    channels = data.length / (width * height);
    max = 255;
  } else if (png.depth < 8) {
    throw new Error(`${png.depth}-bit gray PNGs are not supported; save it as 8-bit`);
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const at = (c: number) => Math.round(((data[p * channels + c] as number) / max) * 255);
    const [r, g, b, a] = channels >= 3 ? [at(0), at(1), at(2), channels === 4 ? at(3) : 255] : [at(0), at(0), at(0), channels === 2 ? at(1) : 255];
    rgba.set([r, g, b, a], p * 4);
  }
  return { width, height, rgba };
}
