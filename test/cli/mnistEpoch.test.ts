/**
 * The wasm backend end to end, as a user runs it: one MNIST epoch of LeNet-5
 * from the command line, on the host's helper threads, reaches the accuracy
 * the CPU reference reaches (≥ 97%) within 300 MB. (`npm run bench` does the
 * same on every Node backend, under /usr/bin/time.)
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PEAK_RSS, peakRssMB } from '../helpers/cli';

describe('one MNIST epoch from the command line', () => {
  it('trains LeNet-5 on wasm to at least 97% test accuracy in under 300 MB', () => {
    const run = spawnSync(process.execPath, ['--import', PEAK_RSS, 'bin/convstudio.mjs', 'train', 'resources/examples/lenet-5.json', '--dataset', 'mnist', '--epochs', '1', '--backend', 'wasm', '--json'], { encoding: 'utf8', timeout: 240_000, maxBuffer: 1 << 26 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { event?: string; testAccuracy?: number; samplesPerSec?: number; backend?: string; backendReason?: string });
    const done = events.find((e) => e.event === 'done');
    const peak = peakRssMB(run.stderr);
    console.log(`wasm, one MNIST epoch: test accuracy ${((done?.testAccuracy ?? 0) * 100).toFixed(2)}%, ${done?.samplesPerSec?.toFixed(0)} samples/s, peak RSS ${peak.toFixed(0)} MB; ${done?.backendReason}`);
    expect(done?.backend).toBe('wasm');
    expect(done?.testAccuracy).toBeGreaterThanOrEqual(0.97);
    expect(peak).toBeLessThan(300);
  }, 300_000);
});
