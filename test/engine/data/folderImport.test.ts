/**
 * Importing a folder of one's own images, on a folder the test writes: good
 * images of every format and size are imported; corrupt, mislabelled, tiny
 * and non-image files are reported by name and skipped; an empty class or a
 * single class stops the import with a message that says so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../engine/data/images/decodeImage';
import { importImages, type ImageFile } from '../../../engine/data/folderImport';
import { convstudioWithEnv } from '../../helpers/cli';
import { bmp, gif, jpeg, png } from '../../helpers/imageFiles';

function makeFolder(files: Record<string, Uint8Array | string>, emptyClasses: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'convstudio-import-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  for (const c of emptyClasses) mkdirSync(join(root, c), { recursive: true });
  return root;
}

const good = {
  'cats/a.png': png(40, 40, [200, 30, 30]),
  'cats/b.png': png(64, 32, [180, 20, 40]),
  'cats/c.jpg': jpeg(30, 30, [220, 40, 10]),
  'cats/d.gif': gif(28, 28),
  'cats/e.bmp': bmp(33, 29, [210, 10, 10]),
  'dogs/a.png': png(28, 28, [20, 30, 200]),
  'dogs/b.png': png(100, 80, [10, 40, 190]),
  'dogs/c.jpeg': jpeg(56, 56, [30, 20, 220]),
  'dogs/d.bmp': bmp(28, 28, [0, 0, 255]),
};
const bad = {
  'cats/broken.png': png(40, 40, [1, 2, 3]).subarray(0, 60), // cut short
  'cats/notes.txt': 'these are my cats',
  'dogs/fake.jpg': 'not really a jpeg',
  'dogs/tiny.png': png(4, 4, [0, 0, 0]),
};

describe('convstudio datasets preview FOLDER', () => {
  const cache = mkdtempSync(join(tmpdir(), 'convstudio-cache-'));
  const env = { XDG_CACHE_HOME: cache };

  it('imports the good images and reports each bad one by name, then reuses the cache', () => {
    const root = makeFolder({ ...good, ...bad });
    const out = join(root, 'grid.png');
    const first = convstudioWithEnv(env, 'datasets', 'preview', root, '--out', out);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('skipped cats/notes.txt: not an image file');
    expect(first.stderr).toMatch(/skipped cats\/broken\.png: corrupt or unsupported PNG/);
    expect(first.stderr).toContain('skipped dogs/fake.jpg: not a PNG, JPEG, GIF, BMP or WebP image');
    expect(first.stderr).toContain('skipped dogs/tiny.png: 4×4 is too small for 28×28');
    // 9 good images, 20% of each class held out: cats 5 → 1 test, dogs 4 → 1 test
    expect(first.stderr).toContain('7 training and 2 test images in 2 classes, 28×28 gray');
    expect(first.stderr).not.toMatch(/^\s+at |internal error/m);

    const second = convstudioWithEnv(env, 'datasets', 'preview', root, '--out', out);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('7 training and 2 test images (from the cache)');
    expect(second.stderr).toContain('skipped dogs/tiny.png');

    // A changed folder is imported again, not served stale from the cache.
    writeFileSync(join(root, 'dogs', 'e.png'), png(28, 28, [0, 0, 250]));
    const third = convstudioWithEnv(env, 'datasets', 'preview', root, '--out', out);
    expect(third.stderr).toContain('8 training and 2 test images in 2 classes');
    rmSync(root, { recursive: true });
  });

  it('refuses a class with no usable images, naming it', () => {
    const root = makeFolder({ ...good, 'birds/only.txt': 'no pictures yet' }, ['fish']);
    const run = convstudioWithEnv(env, 'datasets', 'preview', root, '--out', join(root, 'grid.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('classes "birds", "fish" have no usable images');
  });

  it('refuses a folder with one class', () => {
    const root = makeFolder({ 'cats/a.png': good['cats/a.png'] });
    const run = convstudioWithEnv(env, 'datasets', 'preview', root, '--out', join(root, 'grid.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a data set needs at least two classes (one subfolder per class), but there is only "cats"');
  });

  it('trains on an imported folder, sized and coloured like the network\'s input', () => {
    const root = makeFolder(good);
    const doc = {
      format: 'convstudio-graph', version: 1, name: 'pets',
      nodes: [
        { id: 'in', type: 'input', params: { shape: [3, 16, 16] } },
        { id: 'c', type: 'conv2d', params: { filters: 2, kernelSize: 3 } },
        { id: 'd', type: 'dense', params: { units: 2 } },
        { id: 'out', type: 'softmax' },
      ],
      edges: [{ from: 'in', to: 'c' }, { from: 'c', to: 'd' }, { from: 'd', to: 'out' }],
    };
    writeFileSync(join(root, 'net.json'), JSON.stringify(doc));
    const run = convstudioWithEnv(env, 'train', join(root, 'net.json'), '--dataset', root, '--steps', '3', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('16×16 colour');
    expect(run.stdout).toContain('"event":"done"');
  });
});

describe('decoding and scaling', () => {
  it('reads each format to the same pixels', () => {
    for (const bytes of [png(8, 8, [10, 20, 30]), bmp(8, 8, [10, 20, 30])]) {
      const image = decodeImage(bytes);
      expect([image.width, image.height]).toEqual([8, 8]);
      expect(Array.from(image.rgba.subarray(0, 4))).toEqual([255, 255, 255, 255]); // the white corner
      expect(Array.from(image.rgba.subarray((7 * 8 + 7) * 4, (7 * 8 + 8) * 4))).toEqual([10, 20, 30, 255]);
    }
    const j = decodeImage(jpeg(16, 16, [200, 40, 40]));
    expect(Math.abs((j.rgba[(15 * 16 + 15) * 4] ?? 0) - 200)).toBeLessThan(12);
  });

  it('scales by area, converts to gray by luma, and splits each class by the seed', () => {
    const files: ImageFile[] = [];
    // Each red image a different shade, so a different split shows in the test bytes.
    for (let i = 0; i < 10; i++) files.push({ className: 'red', name: `red/${i}.png`, bytes: png(56, 56, [255, i * 10, 0]) });
    for (let i = 0; i < 5; i++) files.push({ className: 'blue', name: `blue/${i}.png`, bytes: png(28, 28, [0, 0, 255]) });
    const options = { name: 't', classNames: ['red', 'blue'], height: 28, width: 28, color: false, testFraction: 0.2, seed: 1 };
    const { dataset, skipped } = importImages(files, options);
    expect(skipped).toEqual([]);
    expect(dataset.classNames).toEqual(['blue', 'red']);
    expect([dataset.train.count, dataset.test.count]).toEqual([12, 3]); // red 10 → 2 test, blue 5 → 1 test
    const blue = dataset.train.labels.indexOf(0);
    // bottom-right pixel of a blue image: luma 0.114 × 255
    expect(dataset.train.images[blue * 784 + 783]).toBe(29);
    const red = dataset.train.labels.indexOf(1);
    // the 56×56 white quarter shrinks to exactly the top-left 14×14 of 28×28
    expect(dataset.train.images[red * 784 + 13 * 28 + 13]).toBe(255);
    expect(dataset.train.images[red * 784 + 14 * 28 + 14]).toBeLessThan(255);
    expect(importImages(files, options).dataset.test.images).toEqual(dataset.test.images);
    expect(importImages(files, { ...options, seed: 2 }).dataset.test.images).not.toEqual(dataset.test.images);
  });
});
