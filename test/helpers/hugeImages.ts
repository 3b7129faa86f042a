/** Image files that are little more than a header declaring a size: what a hostile or broken file looks like to a decoder. */
import { crc32 } from 'node:zlib';

/** A PNG file of an 8-bit RGBA IHDR (Adam7 interlaced when `interlaced`), one IDAT of `idat` and IEND, each chunk with a right CRC. */
export function pngFile(width: number, height: number, idat: Uint8Array, interlaced = false): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, interlaced ? 1 : 0], 8); // 8-bit RGBA
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array())]));
}

/** A PNG that is only a signature and an IHDR declaring `width`×`height`, then a tiny IDAT and IEND. */
export function pngClaiming(width: number, height: number): Uint8Array {
  return pngFile(width, height, new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
}

/** Width×height claimed in each format's header, keyed by file extension (the bytes after it are whatever a decoder would choke on). */
const CLAIMS: Record<'png' | 'jpg' | 'gif' | 'bmp' | 'webp', (w: number, h: number) => Uint8Array> = {
  png: pngClaiming,
  jpg(w, h) {
    const b = Buffer.alloc(64);
    b.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 0); // SOI, APP0 of 16 bytes
    b.set([0xff, 0xc0, 0x00, 0x11, 0x08], 20); // SOF0, 17 bytes, 8-bit
    b.writeUInt16BE(h, 25);
    b.writeUInt16BE(w, 27);
    return new Uint8Array(b);
  },
  gif(w, h) {
    const b = Buffer.alloc(32);
    b.write('GIF89a', 0, 'latin1');
    b.writeUInt16LE(w, 6);
    b.writeUInt16LE(h, 8);
    return new Uint8Array(b);
  },
  bmp(w, h) {
    const b = Buffer.alloc(64);
    b.write('BM', 0, 'latin1');
    b.writeUInt32LE(40, 14);
    b.writeInt32LE(w, 18);
    b.writeInt32LE(-h, 22); // top-down
    return new Uint8Array(b);
  },
  webp(w, h) {
    const b = Buffer.alloc(40);
    b.write('RIFF', 0, 'latin1');
    b.write('WEBPVP8X', 8, 'latin1');
    b.writeUIntLE(w - 1, 24, 3);
    b.writeUIntLE(h - 1, 27, 3);
    return new Uint8Array(b);
  },
};

export function claimingImages(width: number, height: number): Record<keyof typeof CLAIMS, Uint8Array> {
  return Object.fromEntries(Object.entries(CLAIMS).map(([extension, make]) => [extension, make(width, height)])) as Record<keyof typeof CLAIMS, Uint8Array>;
}
