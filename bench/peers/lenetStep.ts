/** One LeNet-5 training step (batch 32, Adam 0.001, random MNIST-shaped data) on a backend: what the benchmarks time. */
import { loadDocumentValue } from '../../engine';
import type { Backend } from '../../engine/backend/backend';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { trainingStep } from '../../engine/training/trainingStep';
import { Optimizer, resolveOptimizer } from '../../engine/training/optimizer';
import lenet from '../../resources/examples/lenet-5.json';

export const BATCH = 32;

export function lenetStep(backend: Backend): () => void {
  const loaded = loadDocumentValue(lenet);
  if (!loaded.ok) throw new Error('resources/examples/lenet-5.json does not load');
  const network = Network.create(loaded.document, loaded.analysis, backend, 1);
  const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'adam', learningRate: 0.001 }));
  const random = createRandom(2);
  const x = new Float32Array(BATCH * 784).map(() => random.next());
  const labels = Int32Array.from({ length: BATCH }, () => random.int(10));
  return trainingStep(network, optimizer, { x, labels, count: BATCH }, random);
}
