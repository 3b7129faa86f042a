/**
 * One MNIST epoch of LeNet-5 from the command line on each Node backend,
 * under `/usr/bin/time -v`: test accuracy, samples/s and peak resident
 * memory (the whole process: Node, the data set, the backend).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface EpochResult {
  backend: string;
  testAccuracy?: number;
  samplesPerSec?: number;
  peakRssMB?: number;
  unavailable?: string;
}

const TIME = '/usr/bin/time';

export function mnistEpoch(backend: string): EpochResult {
  if (!existsSync(TIME)) return { backend, unavailable: `no ${TIME} (Debian's time package)` };
  const run = spawnSync(TIME, ['-v', process.execPath, 'bin/convstudio.mjs', 'train', 'resources/examples/lenet-5.json', '--dataset', 'mnist', '--epochs', '1', '--backend', backend, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const done = JSON.parse(run.stdout.trim().split('\n').at(-1) || '{}') as { event?: string; testAccuracy?: number; samplesPerSec?: number };
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
  if (done.event !== 'done') return { backend, unavailable: `the run did not finish (${run.stderr.trim().split('\n').find((line) => /error/i.test(line)) ?? `exit ${run.status}`})` };
  return { backend, testAccuracy: done.testAccuracy, samplesPerSec: done.samplesPerSec, peakRssMB: rssKb / 1024 };
}
