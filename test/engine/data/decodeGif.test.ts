/**
 * The GIF decoder against omggif (the library it replaces, kept as a test
 * oracle) on GIFs omggif wrote: the same RGBA, palettes, transparency and
 * frame offsets included; and on every byte-corrupted variant of them it
 * ends, quickly, where omggif can loop forever.
 */
import { GifReader, GifWriter } from 'omggif';
import { describe, expect, it } from 'vitest';
import { decodeGif } from '../../../engine/data/images/decodeGif';
import { decodeImage } from '../../../engine/data/images/decodeImage';
import { createRandom } from '../../../engine/network/random';

/** A GIF of `width`×`height` with a frame of noise from `seed` at an offset, a 256-colour or small palette, maybe a transparent index. */
function noiseGif(width: number, height: number, seed: number, options: { colours: number; transparent?: number; offset?: [number, number] }): Uint8Array {
  const random = createRandom(seed).next;
  const palette = Array.from({ length: options.colours }, () => Math.floor(random() * 0xffffff));
  const buffer = new Uint8Array(width * height * 4 + 4096);
  const writer = new GifWriter(buffer, width, height, { palette });
  const [x, y] = options.offset ?? [0, 0];
  const w = width - x;
  const h = height - y;
  // Runs of one colour as well as noise, so the LZW table grows long entries and fills up.
  const pixels = Array.from({ length: w * h }, (_, i) => (i % 97 < 40 ? 1 : Math.floor(random() * options.colours)));
  writer.addFrame(x, y, w, h, pixels, options.transparent === undefined ? {} : { transparent: options.transparent });
  return buffer.slice(0, writer.end());
}

function omggif(bytes: Uint8Array): Uint8Array {
  const reader = new GifReader(bytes);
  const rgba = new Uint8Array(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, rgba);
  return rgba;
}

describe('the GIF decoder', () => {
  it.each([
    ['2 colours, 30×30', noiseGif(30, 30, 1, { colours: 2 })],
    ['256 colours, 200×150 (the code table fills and clears)', noiseGif(200, 150, 2, { colours: 256 })],
    ['16 colours with a transparent index', noiseGif(64, 40, 3, { colours: 16, transparent: 5 })],
    ['a frame offset inside its screen', noiseGif(50, 50, 4, { colours: 4, offset: [7, 11] })],
  ])('gives omggif’s pixels for %s', (_what, bytes) => {
    const ours = decodeGif(bytes);
    expect(Buffer.from(ours.rgba).equals(Buffer.from(omggif(bytes)))).toBe(true);
  });

  it('refuses a frame larger than the limits by its size, not as corruption', () => {
    const bytes = noiseGif(30, 30, 6, { colours: 2 });
    const frame = 13 + 6; // after the header and the 2-colour palette: the image descriptor (0x2c, left, top, width, height)
    expect(bytes[frame]).toBe(0x2c);
    const big = bytes.slice();
    big[frame + 7] = 60_000 & 0xff;
    big[frame + 8] = 60_000 >> 8;
    expect(() => decodeImage(big)).toThrow(/^30×60000 is larger than 8192 pixels on a side/);
  });

  it('ends on 2,000 corrupted GIFs, each decoded or refused with a reason', () => {
    const random = createRandom(7).next;
    const base = noiseGif(40, 40, 5, { colours: 32 });
    let refused = 0;
    const started = performance.now();
    for (let k = 0; k < 2000; k++) {
      const copy = base.slice();
      for (let f = 1 + Math.floor(random() * 6); f > 0; f--) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      try {
        decodeGif(copy.subarray(0, random() < 0.2 ? Math.floor(random() * copy.length) : copy.length));
      } catch (e) {
        expect((e as Error).message.length).toBeGreaterThan(0);
        refused++;
      }
    }
    console.log(`corrupted GIFs: 2,000 in ${(performance.now() - started).toFixed(0)} ms, ${refused} refused`);
    expect(refused).toBeGreaterThan(0);
  });
});
