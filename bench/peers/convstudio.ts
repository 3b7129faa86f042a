/** ConvStudio itself on one backend: LeNet-5 from resources/examples, Adam 0.001, batch 32, random MNIST-shaped data. */
import { readFileSync } from 'node:fs';
import { loadDocumentText } from '../../engine';
import type { Backend } from '../../engine/backend/backend';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { lossAndGradients } from '../../engine/training/lossAndGradients';
import { Optimizer, resolveOptimizer } from '../../engine/training/optimizer';
import { BATCH, timeSteps, type Peer } from './peer';

/** One training step of LeNet-5 on `backend`, ready to be timed. */
export function lenetStep(backend: Backend): () => void {
  const loaded = loadDocumentText(readFileSync('resources/examples/lenet-5.json', 'utf8'));
  if (!loaded.ok) throw new Error('resources/examples/lenet-5.json does not load');
  const network = Network.create(loaded.document, loaded.analysis, backend, 1);
  const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'adam', learningRate: 0.001 }));
  const random = createRandom(2);
  const input = new Float32Array(BATCH * 784).map(() => random.next());
  const labels = Int32Array.from({ length: BATCH }, () => random.int(10));
  return () => {
    const x = backend.tensor([BATCH, 1, 28, 28], input);
    const pass = lossAndGradients(network, x, labels, random);
    optimizer.step();
    network.release(pass.outputs);
    if (pass.inputGrad) backend.dispose(pass.inputGrad);
    backend.dispose(x);
  };
}

export function convstudioPeer(name: string, makeBackend: () => Backend): Peer {
  return { name: `ConvStudio ${name}`, measure: () => timeSteps(lenetStep(makeBackend()), 5, 20) };
}
