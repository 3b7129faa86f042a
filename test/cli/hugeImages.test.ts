/**
 * A folder data set holding files that declare 60000×60000 pixels (one per
 * format; for the check, a file is its header): the CLI skips each by name with its size, read from the header,
 * uses the rest, and its peak memory stays far from the 14.4 GB such a
 * picture would take (7.1 GB before this check).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimingImages } from '../helpers/hugeImages';
import { png } from '../helpers/imageFiles';
import { PEAK_RSS, peakRssMB } from '../helpers/cli';

// Prints the process's peak resident memory (kB on Linux) as it exits.
describe('convstudio with a folder of images that claim 60000×60000 pixels', () => {
  it('skips each from its header, names it and its size, and keeps its memory under 300 MB', () => {
    const folder = mkdtempSync(join(tmpdir(), 'convstudio-huge-'));
    for (const [c, rgb] of [['circles', [200, 30, 30]], ['squares', [30, 30, 200]]] as [string, [number, number, number]][]) {
      mkdirSync(join(folder, c));
      for (let i = 0; i < 6; i++) writeFileSync(join(folder, c, `${i}.png`), png(28 + i, 28, rgb));
    }
    const claims = claimingImages(60_000, 60_000);
    for (const [extension, bytes] of Object.entries(claims)) writeFileSync(join(folder, 'circles', `huge.${extension}`), bytes);
    const run = spawnSync(process.execPath, ['--import', PEAK_RSS, 'bin/convstudio.mjs', 'datasets', 'preview', folder, '--out', join(folder, 'grid.png')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const extension of Object.keys(claims)) {
      expect(run.stderr).toContain(`skipped circles/huge.${extension}: 60000×60000 is larger than 8192 pixels on a side (read from its header; not decoded)`);
    }
    expect(run.stdout).toContain('2 classes');
    const peakMb = peakRssMB(run.stderr);
    console.log(`folder import with ${Object.keys(claims).length} files claiming 60000×60000: peak RSS ${peakMb.toFixed(0)} MB`);
    expect(peakMb).toBeGreaterThan(0);
    expect(peakMb).toBeLessThan(300);
  });
});
