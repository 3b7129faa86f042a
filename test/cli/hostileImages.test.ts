/**
 * Folder import against the hostile corpus (test/helpers/hostileImages.ts,
 * over 1,000 files): no crash, every entry of the class folders accounted
 * for (imported, or skipped by name with a reason), memory bounded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHostileImageFolder } from '../helpers/hostileImages';
import { PEAK_RSS, peakRssMB } from '../helpers/cli';

describe('convstudio with a folder of hostile image files', () => {
  it('imports what it can, skips every other file by name with its reason, and stays under 300 MB', () => {
    const root = mkdtempSync(join(tmpdir(), 'convstudio-hostile-'));
    const entries = writeHostileImageFolder(root);
    expect(entries).toBeGreaterThanOrEqual(1000);
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', PEAK_RSS, 'bin/convstudio.mjs', 'datasets', 'preview', root, '--out', join(root, 'grid.png')], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'convstudio-cache-')) } });
    const seconds = (Date.now() - started) / 1000;
    expect(run.signal, run.stderr.slice(-2000)).toBeNull();
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const skipped = new Map<string, string>();
    for (const line of run.stderr.split('\n')) {
      const m = /^skipped (.+?): (.+)$/.exec(line);
      if (m) skipped.set(m[1]!, m[2]!);
    }
    const counts = /: (\d+) training and (\d+) test images/.exec(run.stderr);
    expect(counts, run.stderr.slice(-1000)).not.toBeNull();
    const imported = Number(counts![1]) + Number(counts![2]);
    expect(imported + skipped.size).toBe(entries);
    for (const [name, reason] of [['cats/loop-a.png', /a link that leads nowhere \(ELOOP\)/], ['cats/broken-link.png', /leads nowhere \(ENOENT\)/], ['cats/nested', /a folder inside a class folder/], ['cats/.DS_Store', /hidden/], ['dogs/notes.txt', /not an image file/]] as const) {
      expect(skipped.get(name), name).toMatch(reason);
    }
    expect([...skipped].find(([name]) => name.startsWith('cats/caf'))?.[1]).toMatch(/not UTF-8/);
    // A decoder's own JavaScript error is said as damage first (it once read "Cannot read properties of undefined").
    for (const [name, reason] of skipped) if (/undefined|Cannot read|outside the bounds/.test(reason)) expect(reason, name).toMatch(/: its data is damaged or cut short \(the decoder stopped at: /);
    const reasons = new Map<string, number>();
    for (const reason of skipped.values()) {
      const kind = reason.replace(/\d+/g, 'N').slice(0, 60);
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    const peakMb = peakRssMB(run.stderr);
    console.log(`hostile folder: ${entries} entries, ${imported} imported, ${skipped.size} skipped in ${seconds.toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB; reasons: ${[...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([r, k]) => `${k}× ${r}`).join(' | ')}`);
    expect(peakMb).toBeLessThan(300);
  }, 150_000);
});
