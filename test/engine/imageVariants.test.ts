/**
 * The kinds of picture a class's phones and scanners make that the other
 * tests' encoders cannot: progressive JPEG (colour and gray), CMYK JPEG (as
 * print workflows save them, with Adobe's marker) and Adam7-interlaced PNG.
 * Pillow (Debian's python3-pil) writes the JPEGs and decodes every file as
 * the oracle; the engine's decoding must match it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../engine/data/images/decodeImage';
import { readImageHeader } from '../../engine/data/images/imageHeader';
import { interlacedPng } from '../helpers/imageFiles';
import { ORACLES_REQUIRED, PYTHON } from '../helpers/oracles';

const pillowAvailable = spawnSync(PYTHON, ['-c', 'import PIL'], { encoding: 'utf8' }).status === 0;

// Odd sizes: JPEG blocks and Adam7 passes that do not divide the picture.
const WIDTH = 37;
const HEIGHT = 23;

/** Smooth colour ramps with a sharp square: what JPEG's blocks and chroma subsampling must survive. */
function picture(): Uint8Array {
  const rgba = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const inSquare = x >= 8 && x < 20 && y >= 6 && y < 16;
      rgba.set(inSquare ? [250, 250, 250, 255] : [Math.round((x / WIDTH) * 255), Math.round((y / HEIGHT) * 255), 128, 255], (y * WIDTH + x) * 4);
    }
  }
  return rgba;
}

const WRITE = `
import sys
from PIL import Image
folder = sys.argv[1]
rgb = Image.frombytes('RGB', (${WIDTH}, ${HEIGHT}), open(folder + '/picture.rgb', 'rb').read())
rgb.save(folder + '/progressive.jpg', quality=92, progressive=True)
rgb.convert('L').save(folder + '/progressive-gray.jpg', quality=92, progressive=True)
rgb.convert('CMYK').save(folder + '/cmyk.jpg', quality=92)
rgb.save(folder + '/baseline.jpg', quality=92)
for name in sys.argv[2:]:
    image = Image.open(folder + '/' + name)
    image.load()
    open(folder + '/' + name + '.rgb', 'wb').write(image.convert('RGB').tobytes())
    print(name, image.mode, image.info.get('progressive', 0), image.info.get('interlace', 0))
`;

const rgbOf = (rgba: Uint8Array) => rgba.filter((_, i) => i % 4 !== 3);

/** Mean and largest difference of two RGB pictures, per channel value. */
function difference(a: Uint8Array, b: Uint8Array) {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / a.length, max };
}

describe.skipIf(!pillowAvailable && !ORACLES_REQUIRED)('pictures Pillow writes and decodes', () => {
  const folder = mkdtempSync(join(tmpdir(), 'image-variants-'));
  const source = picture();
  writeFileSync(join(folder, 'picture.rgb'), rgbOf(source));
  writeFileSync(join(folder, 'interlaced.png'), interlacedPng(WIDTH, HEIGHT, source));
  const names = ['baseline.jpg', 'progressive.jpg', 'progressive-gray.jpg', 'cmyk.jpg', 'interlaced.png'];
  const run = spawnSync(PYTHON, ['-c', WRITE, folder, ...names], { encoding: 'utf8' });
  const modes = run.stdout;

  it('Pillow wrote what the cases claim', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(modes).toContain('progressive.jpg RGB 1');
    expect(modes).toContain('progressive-gray.jpg L 1');
    expect(modes).toContain('cmyk.jpg CMYK');
    expect(modes).toContain('interlaced.png RGBA 0 1');
  });

  const decodedRgb = (name: string) => {
    const bytes = new Uint8Array(readFileSync(join(folder, name)));
    expect(readImageHeader(bytes, name.endsWith('.png') ? 'png' : 'jpeg')).toMatchObject({ width: WIDTH, height: HEIGHT });
    const decoded = decodeImage(bytes);
    expect([decoded.width, decoded.height]).toEqual([WIDTH, HEIGHT]);
    return rgbOf(decoded.rgba);
  };
  const pillowRgb = (name: string) => new Uint8Array(readFileSync(join(folder, `${name}.rgb`)));

  // JPEG decoders differ by a few levels (inverse DCTs and chroma upsampling round differently:
  // here jpeg-js is 3.0 levels from libjpeg on average in colour), so the engine is held to being
  // about as close to the original picture as Pillow is, and near Pillow's result.
  it.each(['baseline.jpg', 'progressive.jpg', 'cmyk.jpg'])('%s decodes about as close to the picture as Pillow does', (name) => {
    const engine = decodedRgb(name);
    const ours = difference(engine, rgbOf(source));
    const theirs = difference(pillowRgb(name), rgbOf(source));
    console.log(`${name}: engine ${ours.mean.toFixed(2)} levels from the picture on average (largest ${ours.max}), Pillow ${theirs.mean.toFixed(2)} (largest ${theirs.max})`);
    expect(ours.mean).toBeLessThanOrEqual(theirs.mean * 1.75 + 0.5);
    expect(ours.max).toBeLessThanOrEqual(theirs.max + 10);
    expect(difference(engine, pillowRgb(name)).mean).toBeLessThanOrEqual(4);
  });

  it('a progressive gray JPEG decodes as Pillow decodes it', () => {
    const { mean, max } = difference(decodedRgb('progressive-gray.jpg'), pillowRgb('progressive-gray.jpg'));
    expect(mean).toBeLessThanOrEqual(0.5);
    expect(max).toBeLessThanOrEqual(2);
  });

  it('the interlaced PNG is the picture, exactly, for the engine and for Pillow', () => {
    expect(decodedRgb('interlaced.png')).toEqual(rgbOf(source));
    expect(pillowRgb('interlaced.png')).toEqual(rgbOf(source));
  });
});
