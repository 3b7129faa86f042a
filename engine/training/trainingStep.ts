/**
 * One optimization step on a fixed batch, freeing everything it made: what the
 * benchmark and `--backend auto` time. (The training loop does the same and
 * also keeps metrics.)
 */
import { gatherBatch, type Dataset } from '../data/dataset';
import type { Network } from '../network/network';
import { createRandom, type Random } from '../network/random';
import { lossAndGradients } from './lossAndGradients';
import { Optimizer, type OptimizerSettings } from './optimizer';

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

/** One training step of `network` on the first batch of the data set: what the automatic backend choice times. */
export function trialStep(network: Network, dataset: Dataset, batchSize: number, settings: OptimizerSettings): () => void {
  const batch = gatherBatch(dataset, dataset.train, Array.from({ length: Math.min(batchSize, dataset.train.count) }, (_, i) => i));
  return trainingStep(network, new Optimizer(network.backend, network.parameters, settings), batch, createRandom(0));
}
