/** Image files of every supported format, made in the test so nothing binary is committed. */
import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { GifWriter } from 'omggif';
import { deflateSync } from 'node:zlib';
import { ADAM7 } from '../../engine/data/images/pngInflation';
import { pngFile } from './hugeImages';

/** A solid-colour RGBA image with a white square in the top-left quarter. */
export function pattern(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const white = x < width / 2 && y < height / 2;
      rgba.set(white ? [255, 255, 255, 255] : [...rgb, 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

export function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  return encodePng({ width, height, data: pattern(width, height, rgb), channels: 4, depth: 8 });
}

export function jpeg(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  return new Uint8Array(encodeJpeg({ width, height, data: pattern(width, height, rgb) }, 95).data);
}

export function gif(width: number, height: number): Uint8Array {
  const buffer = new Uint8Array(width * height + 1024);
  const writer = new GifWriter(buffer, width, height, { palette: [0x000000, 0xffffff] });
  const pixels = Array.from({ length: width * height }, (_, i) => (i % width < width / 2 ? 1 : 0));
  writer.addFrame(0, 0, width, height, pixels);
  return buffer.subarray(0, writer.end());
}

/** A 24-bit bottom-up BMP, written by hand. */
export function bmp(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const bytes = new Uint8Array(54 + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  const rgba = pattern(width, height, rgb);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      bytes.set([rgba[p + 2] ?? 0, rgba[p + 1] ?? 0, rgba[p] ?? 0], 54 + (height - 1 - y) * rowBytes + x * 3);
    }
  }
  return bytes;
}

/** An Adam7-interlaced 8-bit RGBA PNG of `rgba`, written by hand (fast-png writes only non-interlaced ones). */
export function interlacedPng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const rows: number[] = [];
  for (const [x0, y0, dx, dy] of ADAM7) {
    if (x0 >= width || y0 >= height) continue; // an empty pass has no rows, not even filter bytes
    for (let y = y0; y < height; y += dy) {
      rows.push(0); // filter: none
      for (let x = x0; x < width; x += dx) rows.push(...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
    }
  }
  return pngFile(width, height, new Uint8Array(deflateSync(Uint8Array.from(rows))), true);
}
