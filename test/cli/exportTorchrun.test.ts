/**
 * The exported PyTorch project trains: `python train.py` on one process, and
 * `torchrun --nproc_per_node=2 train.py` on two (gloo, CPU), where both
 * processes end with identical parameters and the global batch is the
 * document's (16 per process for LeNet-5's 32).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convstudio } from '../helpers/cli';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../helpers/oracles';

const TORCHRUN = '/usr/bin/torchrun';

describe.skipIf(!(torchAvailable && existsSync(TORCHRUN)) && !ORACLES_REQUIRED)('training the exported PyTorch project', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'convstudio-torchrun-')), 'lenet');
  const exported = convstudio('export', 'resources/examples/lenet-5.json', '--format', 'pytorch', '--out', out);

  it('exports LeNet-5 with its MNIST data and a train.py', () => {
    expect(exported.code, exported.stderr).toBe(0);
    for (const file of ['train.py', 'settings.json', 'data/train-images.idx.gz', 'data/test-labels.idx.gz']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('trains on one process', () => {
    const run = spawnSync(PYTHON, [join(out, 'train.py'), '--epochs', '1', '--limit', '512', '--out', join(out, 'single.safetensors')], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const epoch = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(epoch).toMatchObject({ epoch: 1, processes: 1, batchPerProcess: 32 });
    expect(Number.isFinite(epoch.loss)).toBe(true);
    expect(existsSync(join(out, 'single.safetensors'))).toBe(true);
  }, 120_000);

  it('trains on two processes with torchrun and DistributedDataParallel, both ending with identical parameters', () => {
    // Debian's torchrun fails under Python 3.11 without its own log redirection (said in the exported README).
    const run = spawnSync(TORCHRUN, ['--nproc_per_node=2', '--redirects', '1', '--tee', '1', '--log_dir', join(out, 'logs'), join(out, 'train.py'), '--epochs', '1', '--limit', '512', '--save-every-rank', '--out', join(out, 'ddp.safetensors')], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.includes('"epoch"')) ?? '';
    expect(JSON.parse(line.slice(line.indexOf('{')))).toMatchObject({ epoch: 1, processes: 2, batchPerProcess: 16 });
    const rank0 = readFileSync(join(out, 'ddp.safetensors.rank0'));
    const rank1 = readFileSync(join(out, 'ddp.safetensors.rank1'));
    expect(rank0.length).toBeGreaterThan(170_000);
    expect(rank0.equals(rank1)).toBe(true);
    expect(readFileSync(join(out, 'ddp.safetensors')).equals(rank0)).toBe(true);
  }, 240_000);
});
