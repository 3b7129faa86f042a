/**
 * Folder data sets at the sizes a course reaches: 50,000 small pictures
 * (time and memory printed), and a folder of large photos, which is read
 * one file at a time as it is decoded, so its peak memory is about one
 * photo's, not the folder's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode as encodePng } from 'fast-png';
import { bmp } from '../helpers/imageFiles';
import { PEAK_RSS, peakRssMB } from '../helpers/cli';

/** `convstudio datasets preview` of the folder (it imports it), with a cache of its own and the peak memory. */
function preview(root: string) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', PEAK_RSS, 'bin/convstudio.mjs', 'datasets', 'preview', root, '--out', join(root, '..', 'grid.png')], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'convstudio-cache-')) },
  });
  const counts = /: (\d+) training and (\d+) test images/.exec(run.stderr);
  return {
    run,
    seconds: (Date.now() - started) / 1000,
    imported: counts ? Number(counts[1]) + Number(counts[2]) : 0,
    peakMB: peakRssMB(run.stderr),
  };
}

describe('large folder data sets in the CLI', () => {
  it('imports 50,000 small pictures', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'convstudio-50k-')), 'pictures');
    // Sixteen different 28×28 gray pictures per class, written 25,000 times each.
    const pictures = Array.from({ length: 32 }, (_, k) =>
      encodePng({ width: 28, height: 28, channels: 1, depth: 8, data: Uint8Array.from({ length: 784 }, (_, i) => ((i % 28 < 14) === k < 16 ? 255 : (k * 37 + i) % 256)) }));
    for (const [c, name] of ['left', 'right'].entries()) {
      mkdirSync(join(root, name), { recursive: true });
      for (let i = 0; i < 25_000; i++) writeFileSync(join(root, name, `${i}.png`), pictures[c * 16 + (i % 16)]!);
    }
    const { run, seconds, imported, peakMB } = preview(root);
    console.log(`50,000 pictures: imported ${imported} in ${seconds.toFixed(1)} s, peak RSS ${peakMB.toFixed(0)} MB`);
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(imported).toBe(50_000);
    expect(run.stderr).not.toMatch(/skipped/);
    // About 300 MB here: Node and the CLI (about 90 MB), the pictures at 28×28 (39 MB) held once as
    // decoded and once split into train and test, the cache's copy, and 50,000 names and file entries.
    expect(peakMB).toBeLessThan(400);
  }, 600_000);

  it('reads a folder of large photos one at a time: 270 MB of files, far less memory', () => {
    const root = join(mkdtempSync(join(tmpdir(), 'convstudio-photos-')), 'photos');
    // 2000×1500 uncompressed BMPs, 9 MB each, 15 per class.
    const photo = bmp(2000, 1500, [120, 60, 30]);
    for (const name of ['a', 'b']) {
      mkdirSync(join(root, name), { recursive: true });
      for (let i = 0; i < 15; i++) writeFileSync(join(root, name, `${i}.bmp`), photo);
    }
    const { run, seconds, imported, peakMB } = preview(root);
    console.log(`30 photos of ${(photo.length / 2 ** 20).toFixed(1)} MiB: imported ${imported} in ${seconds.toFixed(1)} s, peak RSS ${peakMB.toFixed(0)} MB`);
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(imported).toBe(30);
    expect(peakMB).toBeLessThan(200);
  }, 300_000);
});
