/**
 * Image sizes read from headers before decoding: equal to the decoded size
 * for real files of every format, and a file that declares too many pixels
 * is refused from its header alone, quickly and without the memory its
 * pixels would take.
 */
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeImage, sniffFormat } from '../../../engine/data/images/decodeImage';
import { checkImageSize, MAX_IMAGE_PIXELS, readImageHeader } from '../../../engine/data/images/imageHeader';
import { pngDataBytes } from '../../../engine/data/images/pngInflation';
import { claimingImages, pngClaiming } from '../../helpers/hugeImages';
import { bmp, gif, jpeg, png } from '../../helpers/imageFiles';

describe('image headers', () => {
  it.each([
    ['png', png(37, 21, [200, 10, 10])],
    ['jpeg', jpeg(37, 21, [10, 200, 10])],
    ['gif', gif(37, 21)],
    ['bmp', bmp(37, 21, [10, 10, 200])],
  ])('read the size a real %s decodes to', (format, bytes) => {
    const header = readImageHeader(bytes, sniffFormat(bytes)!);
    expect(header.format).toBe(format);
    const image = decodeImage(bytes);
    expect([header.width, header.height]).toEqual([image.width, image.height]);
    expect([header.width, header.height]).toEqual([37, 21]);
  });

  it('read WebP’s three kinds of first chunk (VP8, VP8L, VP8X)', () => {
    const vp8 = Buffer.alloc(40);
    vp8.write('RIFF', 0, 'latin1');
    vp8.write('WEBPVP8 ', 8, 'latin1');
    vp8.writeUInt16LE(640 | (1 << 14), 26); // the top two bits are the scale, not the size
    vp8.writeUInt16LE(480, 28);
    expect(readImageHeader(new Uint8Array(vp8), 'webp')).toMatchObject({ width: 640, height: 480 });
    const lossless = Buffer.alloc(40);
    lossless.write('RIFF', 0, 'latin1');
    lossless.write('WEBPVP8L', 8, 'latin1');
    lossless.writeUInt32LE((300 - 1) | ((200 - 1) << 14), 21);
    expect(readImageHeader(new Uint8Array(lossless), 'webp')).toMatchObject({ width: 300, height: 200 });
    expect(readImageHeader(claimingImages(5000, 7000).webp, 'webp')).toMatchObject({ width: 5000, height: 7000 });
  });

  it.each(Object.entries(claimingImages(60_000, 60_000)))('refuse a %s declaring 60000×60000 pixels from its header, with little memory and at once', (_format, bytes) => {
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    expect(() => decodeImage(bytes)).toThrow('60000×60000 is larger than 8192 pixels on a side (read from its header; not decoded)');
    expect(performance.now() - started).toBeLessThan(1000); // a bound on work, not a speed measurement: decoding would take minutes
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
  });

  it('refuse more pixels than the budget even when each side is allowed, and an empty size', () => {
    expect(() => checkImageSize({ format: 'png', width: 8000, height: 8000 })).toThrow(`8000×8000 is 64.0 megapixels, more than ${MAX_IMAGE_PIXELS / 1e6} (read from its header; not decoded)`);
    expect(() => checkImageSize({ format: 'jpeg', width: 6000, height: 4000 })).not.toThrow();
    expect(() => decodeImage(pngClaiming(0, 10))).toThrow('corrupt PNG: it declares 0×10 pixels');
  });

  it('say a file is cut short before its header ends', () => {
    expect(() => decodeImage(png(8, 8, [0, 0, 0]).subarray(0, 20))).toThrow(/^truncated PNG: 20 bytes, its header alone needs 33$/);
    expect(() => decodeImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39]))).toThrow(/^truncated GIF/);
    expect(() => decodeImage(jpeg(8, 8, [0, 0, 0]).subarray(0, 12))).toThrow(/JPEG/);
  });
});

describe('a PNG whose pixel data inflates past its header', () => {
  /** A valid 8-bit gray PNG of `width`×`height` whose IDAT holds `rows` rows of zeros (more rows than the header says: a decompression bomb). */
  function grayPng(width: number, height: number, rows: number, interlace = 0): Uint8Array {
    const good = pngClaiming(width, height);
    const ihdr = Buffer.from(good.subarray(8, 33));
    ihdr[8 + 9] = 0; // colour type 0: gray
    ihdr[8 + 12] = interlace;
    ihdr.writeUInt32BE(crc32(ihdr.subarray(4, 21)), 21);
    const idat = deflateSync(Buffer.alloc(rows * (width + 1)));
    const chunk = Buffer.alloc(12 + idat.length);
    chunk.writeUInt32BE(idat.length, 0);
    chunk.write('IDAT', 4, 'latin1');
    chunk.set(idat, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + idat.length)), 8 + idat.length);
    return new Uint8Array(Buffer.concat([good.subarray(0, 8), ihdr, chunk, Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])]));
  }

  it('decodes the honest one and stops the bomb as soon as it passes the promise', () => {
    expect(decodeImage(grayPng(100, 100, 100))).toMatchObject({ width: 100, height: 100 });
    // 100×100 promises 10,100 bytes; this stream holds 200 MB of zeros in about 200 kB.
    const bomb = grayPng(100, 100, 2_000_000);
    expect(bomb.length).toBeLessThan(400_000);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeImage(bomb)).toThrow('its pixel data inflates past the 10,100 bytes its 100×100 header promises');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 2 ** 20);
  });

  it('counts an interlaced image’s seven passes', () => {
    expect(pngDataBytes(100, 100, 8, false)).toBe(10_100);
    // Adam7 on 100×100, pass by pass: rows × (1 + columns) = 13×(1+13), 13×(1+12), 12×(1+25), 25×(1+25), 25×(1+50), 50×(1+50), 50×(1+100).
    expect(pngDataBytes(100, 100, 8, true)).toBe(13 * 14 + 13 * 13 + 12 * 26 + 25 * 26 + 25 * 51 + 50 * 51 + 50 * 101);
  });
});
