/** The benchmark's networks (LeNet-5 and a small VGG) and one training step of either on a backend, at a batch size: what the benchmarks time. */
import { loadDocumentValue } from '../../engine';
import type { Backend } from '../../engine/backend/backend';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { trainingStep } from '../../engine/training/trainingStep';
import { Optimizer, resolveOptimizer } from '../../engine/training/optimizer';
import lenet from '../../resources/examples/lenet-5.json';
import vggSmall from '../networks/vgg-small.json';

export const BENCH_NETWORKS = {
  'lenet-5': { document: lenet as unknown, inputSize: 1 * 28 * 28 },
  'vgg-small': { document: vggSmall as unknown, inputSize: 3 * 32 * 32 },
};
export type BenchNetwork = keyof typeof BENCH_NETWORKS;

/** A network's training step on `backend` (Adam 0.001, random data, 10 classes), and its parameter count. */
export function networkStep(backend: Backend, name: BenchNetwork, batch: number): { step: () => void; parameters: number } {
  const { document, inputSize } = BENCH_NETWORKS[name];
  const loaded = loadDocumentValue(document);
  if (!loaded.ok) throw new Error(`the benchmark's ${name} document does not load`);
  const network = Network.create(loaded.document, loaded.analysis, backend, 1);
  const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'adam', learningRate: 0.001 }));
  const random = createRandom(2);
  const x = new Float32Array(batch * inputSize).map(() => random.next());
  const labels = Int32Array.from({ length: batch }, () => random.int(10));
  const parameters = network.parameters.reduce((sum, { param }) => sum + param.value.size, 0);
  return { step: trainingStep(network, optimizer, { x, labels, count: batch }, random), parameters };
}
