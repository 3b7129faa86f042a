/**
 * A folder data set of more than 1,000 hostile files, generated here (no
 * binaries in the repository): valid pictures of every format beside
 * truncated and byte-corrupted ones, headers claiming enormous sizes, empty
 * files, junk under image names, wrong extensions, an animated GIF, 16-bit,
 * gray and interlaced PNGs, hidden files, links (to a file, to nothing, in a loop, to a
 * folder), a nested folder, very long, unicode and non-UTF-8 names. Every
 * entry written into a class folder is counted, so a test can check each is
 * accounted for.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { GifWriter } from 'omggif';
import { createRandom } from '../../engine/network/random';
import { claimingImages } from './hugeImages';
import { bmp, gif, interlacedPng, jpeg, pattern, png } from './imageFiles';

export const HOSTILE_CLASSES = ['cats', 'dogs'] as const;

function animatedGif(): Uint8Array {
  const buffer = new Uint8Array(8192);
  const writer = new GifWriter(buffer, 30, 30, { palette: [0x000000, 0xffffff], loop: 0 });
  for (let frame = 0; frame < 2; frame++) writer.addFrame(0, 0, 30, 30, Array.from({ length: 900 }, (_, i) => (i + frame) % 2), { delay: 10 });
  return buffer.subarray(0, writer.end());
}

/**
 * Writes the corpus under `root` (which must exist); returns how many entries the class folders hold.
 * `links: false` leaves out the links, the nested folder and the non-UTF-8 name (a browser's folder picker
 * hands over files only).
 */
export function writeHostileImageFolder(root: string, { links = true } = {}): number {
  const random = createRandom(20261203).next;
  const bases: [string, Uint8Array][] = [
    ['png', png(30, 30, [200, 40, 40])],
    ['jpg', jpeg(30, 30, [40, 200, 40])],
    ['gif', gif(30, 30)],
    ['bmp', bmp(30, 30, [40, 40, 200])],
    ['png', encodePng({ width: 30, height: 30, data: Uint16Array.from(pattern(30, 30, [1, 2, 3]), (v) => v * 257), channels: 4, depth: 16 })],
    ['png', encodePng({ width: 30, height: 30, data: pattern(30, 30, [9, 9, 9]).filter((_, i) => i % 4 === 0), channels: 1, depth: 8 })],
    ['png', interlacedPng(30, 30, pattern(30, 30, [90, 20, 160]))],
  ];
  let entries = 0;
  let n = 0;
  const put = (name: string, bytes: Uint8Array | string) => {
    const dir = join(root, HOSTILE_CLASSES[n++ % 2]!);
    writeFileSync(join(dir, name), bytes);
    entries++;
  };
  for (const c of HOSTILE_CLASSES) mkdirSync(join(root, c), { recursive: true });

  // Valid pictures, so the import has something to keep in each class.
  for (const [i, [ext, bytes]] of bases.entries()) for (let k = 0; k < 8; k++) put(`valid-${i}-${k}.${ext}`, bytes);
  put('animated.gif', animatedGif());
  put('animated-2.gif', animatedGif());
  // Wrong extensions: the bytes decide.
  for (const [i, [ext, bytes]] of bases.entries()) put(`really-${ext}-${i}.${ext === 'png' ? 'jpg' : 'png'}`, bytes);
  // Cut short, at 20 points through each file.
  for (const [i, [ext, bytes]] of bases.entries()) for (let k = 0; k < 20; k++) put(`truncated-${i}-${k}.${ext}`, bytes.subarray(0, Math.floor((bytes.length * k) / 20)));
  // Corrupted: 1 to 8 bytes set at random (header included).
  for (const [i, [ext, bytes]] of bases.entries()) {
    for (let k = 0; k < 130; k++) {
      const copy = bytes.slice();
      const flips = 1 + Math.floor(random() * 8);
      for (let f = 0; f < flips; f++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      put(`corrupt-${i}-${k}.${ext}`, copy);
    }
  }
  // The named files from here on land in the same class however many bases there are (tests look them up).
  n = 0;
  // Headers claiming too much (or nothing).
  for (const [w, h] of [[60_000, 60_000], [8193, 10], [10, 9000], [5000, 5000], [65_535, 65_535]] as const) {
    for (const [ext, bytes] of Object.entries(claimingImages(w, h))) put(`claims-${w}x${h}.${ext}`, bytes);
  }
  for (const ext of ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp']) put(`empty.${ext}`, new Uint8Array());
  for (let k = 0; k < 20; k++) put(`junk-${k}.${k % 2 ? 'png' : 'jpg'}`, Uint8Array.from({ length: 1 + Math.floor(random() * 4000) }, () => Math.floor(random() * 256)));
  put('text.png', 'this is not a picture');
  put('document.jpg', '{"format":"convstudio-graph"}');
  put('notes.txt', 'a note');
  put('README', 'no extension');
  put('data.json', '{}');
  put('.DS_Store', 'mac');
  put('._valid.png', 'resource fork');
  put('.hidden.png', bases[0]![1]);
  put(`${'long'.repeat(60)}.png`, bases[0]![1]);
  for (const name of ['chat-é.png', '猫.png', '🐶.png', 'space in name.png', 'tab\tname.png']) put(name, bases[0]![1]);

  if (!links) return entries;
  // Links and a nested folder, in the first class.
  const cats = join(root, HOSTILE_CLASSES[0]);
  symlinkSync(join(cats, 'valid-0-0.png'), join(cats, 'link-to-valid.png'));
  symlinkSync(join(cats, 'nowhere.png'), join(cats, 'broken-link.png'));
  symlinkSync(join(cats, 'loop-b.png'), join(cats, 'loop-a.png'));
  symlinkSync(join(cats, 'loop-a.png'), join(cats, 'loop-b.png'));
  symlinkSync(root, join(cats, 'link-to-folder.png'));
  mkdirSync(join(cats, 'nested'));
  writeFileSync(join(cats, 'nested', 'inside.png'), bases[0]![1]);
  entries += 6;
  // A name that is not UTF-8 (Latin-1 "café").
  writeFileSync(Buffer.concat([Buffer.from(join(cats, 'caf')), Buffer.from([0xe9]), Buffer.from('.png')]), bases[0]![1]);
  entries++;
  return entries;
}
