/** PyTorch on the CPU (Debian's python3-torch), 2 threads, the same networks (bench/peers/torch_peer.py). */
import { spawnSync } from 'node:child_process';
import type { BenchNetwork } from './networks';
import { BATCH, PeerUnavailable, REPETITIONS, type Peer } from './peer';

/** Samples/s of each repetition, and PyTorch's version and parameter count (checked against ours by the caller). */
export function runTorch(network: BenchNetwork, batch: number, warmup: number, steps: number, repetitions = REPETITIONS): { version: string; parameters: number; rates: number[] } {
  const run = spawnSync('/usr/bin/python3', ['bench/peers/torch_peer.py', network, String(batch), String(warmup), String(steps), String(repetitions)], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new PeerUnavailable(`python3 cannot run torch here (${(run.stderr || String(run.error)).trim().split('\n').pop()})`);
  return JSON.parse(run.stdout) as { version: string; parameters: number; rates: number[] };
}

export const pytorchPeer: Peer = {
  name: 'PyTorch CPU, 2 threads',
  async measure() {
    const { version, rates } = runTorch('lenet-5', BATCH, 20, 50);
    this.name = `PyTorch ${version} CPU, 2 threads`;
    return rates;
  },
};
