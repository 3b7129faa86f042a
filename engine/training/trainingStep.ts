/**
 * One optimization step on a fixed batch, freeing everything it made: what the
 * benchmark and `--backend auto` time. (The training loop does the same and
 * also keeps metrics.)
 */
import type { Network } from '../network/network';
import type { Random } from '../network/random';
import { lossAndGradients } from './lossAndGradients';
import type { Optimizer } from './optimizer';

export function trainingStep(network: Network, optimizer: Optimizer, batch: { x: Float32Array; labels: Int32Array; count: number }, random: Random): () => void {
  const backend = network.backend;
  return () => {
    const x = backend.tensor([batch.count, ...network.inputShape], batch.x);
    const pass = lossAndGradients(network, x, batch.labels, random);
    optimizer.step();
    network.release(pass.outputs);
    if (pass.inputGrad) backend.dispose(pass.inputGrad);
    backend.dispose(x);
  };
}
