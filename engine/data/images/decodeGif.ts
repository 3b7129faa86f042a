/**
 * A GIF's first frame, blitted onto its logical screen as RGBA (uncovered and
 * transparent pixels stay 0). Written here because omggif loops forever on
 * some corrupted LZW data (a test's byte-flipped GIF hung the import): this
 * decoder's every step consumes input or output, so it ends on any bytes.
 * Handles global and local palettes, transparency from the graphic control
 * extension and interlaced frames.
 */
import type { RgbaImage } from './decodeImage';
import { checkImageSize } from './imageHeader';

/** The bytes a reader is at, with bounds checked: a GIF cut short says so. */
class Reader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('the file is cut short');
    return this.bytes[this.at++]!;
  }
  u16(): number {
    return this.byte() | (this.byte() << 8);
  }
  take(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) throw new Error('the file is cut short');
    return this.bytes.subarray(this.at, (this.at += n));
  }
  /** Data sub-blocks (a length byte, that many bytes) up to the empty one, joined. */
  subBlocks(): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let size = this.byte(); size !== 0; size = this.byte()) {
      parts.push(this.take(size));
      total += size;
    }
    const joined = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) joined.set(part, (offset += part.length) - part.length);
    return joined;
  }
}

/**
 * Variable-width LZW (GIF's flavour) into `out`, stopping when it is full,
 * at the end code or at the end of the data. A code beyond the table is
 * corruption. Each table entry's prefix is an earlier entry, so spelling one
 * out takes at most 4096 steps.
 */
function lzw(data: Uint8Array, minCodeSize: number, out: Uint8Array): void {
  if (minCodeSize < 2 || minCodeSize > 8) throw new Error(`bad LZW code size ${minCodeSize}`);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  const prefix = new Uint16Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < clear; i++) {
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  let codeSize = minCodeSize + 1;
  let next = end + 1;
  let previous = -1;
  let bits = 0;
  let buffer = 0;
  let position = 0;
  let written = 0;
  while (written < out.length) {
    while (bits < codeSize) {
      if (position >= data.length) return; // the data ran out: what is missing stays 0
      buffer |= data[position++]! << bits;
      bits += 8;
    }
    const code = buffer & ((1 << codeSize) - 1);
    buffer >>>= codeSize;
    bits -= codeSize;
    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = end + 1;
      previous = -1;
      continue;
    }
    if (code === end) return;
    if (previous === -1) {
      if (code >= clear) throw new Error('corrupt LZW data');
    } else {
      if (code > next || (code === next && next >= 4096)) throw new Error('corrupt LZW data');
      if (next < 4096) {
        prefix[next] = previous;
        suffix[next] = code < next ? first[code]! : first[previous]!;
        first[next] = first[previous]!;
        length[next] = length[previous]! + 1;
        next++;
        if (next === 1 << codeSize && codeSize < 12) codeSize++;
      }
    }
    // Spell the code out backwards from its last byte, clipped to what fits.
    const n = length[code]!;
    for (let k = n - 1, c = code; k >= 0; k--, c = prefix[c]!) if (written + k < out.length) out[written + k] = suffix[c]!;
    written += n;
    previous = code;
  }
}

/** The order rows arrive in an interlaced frame: every 8th from 0, every 8th from 4, every 4th from 2, every 2nd from 1. */
function interlacedRows(height: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]] as const) for (let y = start; y < height; y += step) rows.push(y);
  return rows;
}

export function decodeGif(bytes: Uint8Array): RgbaImage {
  const reader = new Reader(bytes);
  const signature = String.fromCharCode(...reader.take(6));
  if (signature !== 'GIF87a' && signature !== 'GIF89a') throw new Error(`not a GIF (starts "${signature.replace(/[^\x20-\x7e]/g, '?')}")`);
  const width = reader.u16();
  const height = reader.u16();
  checkImageSize({ format: 'gif', width, height });
  const screenFlags = reader.byte();
  reader.take(2); // background colour, aspect ratio
  const globalPalette = screenFlags & 0x80 ? reader.take(3 * (2 << (screenFlags & 7))) : undefined;
  let transparent = -1;
  for (;;) {
    const block = reader.byte();
    if (block === 0x3b) throw new Error('it holds no picture');
    if (block === 0x21) {
      const label = reader.byte();
      const data = reader.subBlocks();
      if (label === 0xf9 && data.length >= 4) transparent = data[0]! & 1 ? data[3]! : -1; // graphic control: the transparent index
      continue;
    }
    if (block !== 0x2c) throw new Error(`unknown block 0x${block.toString(16)} at byte ${reader.at - 1}`);
    const left = reader.u16();
    const top = reader.u16();
    const frameWidth = reader.u16();
    const frameHeight = reader.u16();
    checkImageSize({ format: 'gif', width: frameWidth, height: frameHeight });
    const flags = reader.byte();
    const palette = flags & 0x80 ? reader.take(3 * (2 << (flags & 7))) : globalPalette;
    if (!palette) throw new Error('its first frame has no palette');
    const minCodeSize = reader.byte();
    const indices = new Uint8Array(frameWidth * frameHeight);
    lzw(reader.subBlocks(), minCodeSize, indices);
    const rows = flags & 0x40 ? interlacedRows(frameHeight) : undefined;
    const rgba = new Uint8Array(width * height * 4);
    for (let r = 0; r < frameHeight; r++) {
      const y = top + (rows ? rows[r]! : r);
      if (y >= height) continue;
      for (let x = 0; x < frameWidth && left + x < width; x++) {
        const index = indices[r * frameWidth + x]!;
        if (index === transparent) continue;
        const at = ((y * width) + left + x) * 4;
        const p = index * 3;
        // An index past the palette is black (as browsers draw it).
        rgba[at] = palette[p] ?? 0;
        rgba[at + 1] = palette[p + 1] ?? 0;
        rgba[at + 2] = palette[p + 2] ?? 0;
        rgba[at + 3] = 255;
      }
    }
    return { width, height, rgba };
  }
}
