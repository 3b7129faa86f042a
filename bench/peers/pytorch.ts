/** PyTorch on the CPU (Debian's python3-torch), 2 threads, the same LeNet-5. */
import { spawnSync } from 'node:child_process';
import { PeerUnavailable, REPETITIONS, type Peer } from './peer';

export const pytorchPeer: Peer = {
  name: 'PyTorch CPU, 2 threads',
  async measure() {
    const run = spawnSync('/usr/bin/python3', ['bench/peers/lenet_torch.py', '20', '50', String(REPETITIONS)], { encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new PeerUnavailable(`python3 cannot run torch here (${(run.stderr || String(run.error)).trim().split('\n').pop()})`);
    const { version, rates } = JSON.parse(run.stdout) as { version: string; rates: number[] };
    this.name = `PyTorch ${version} CPU, 2 threads`;
    return rates;
  },
};
