/**
 * One parity suite for every backend: the same graphs, weights and inputs give
 * the same outputs (relative error < 1e-4) and gradients (< 1e-3) as the CPU
 * reference in float64, and 200 training steps follow the reference's loss
 * curve. New backends join through test/helpers/backends.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Backend, Tensor } from '../../engine/backend/backend';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { GraphDocument } from '../../engine';
import { createShapesDataset } from '../../engine/data/synthetic/shapes';
import { createRandom } from '../../engine/network/random';
import { lossAndGradients } from '../../engine/training/lossAndGradients';
import { resolveOptimizer } from '../../engine/training/optimizer';
import { TrainingRun, type TrainEvent } from '../../engine/training/trainer';
import { NODE_BACKENDS } from '../helpers/backends';
import { chainDocument, type LayerSpec } from '../helpers/graphs';
import { buildNetwork, randomValues } from '../helpers/network';

const head: LayerSpec[] = [{ type: 'dense', params: { units: 4 } }, { type: 'softmax' }];
const example = (name: string) => JSON.parse(readFileSync(`resources/examples/${name}.json`, 'utf8')) as GraphDocument;
const paddings: ('valid' | 'same' | 'full' | [number, number, number, number])[] = ['valid', 'same', 'full', [2, 0, 1, 1]];

const PARITY_CASES: [string, GraphDocument][] = [
  ...paddings.flatMap((padding) =>
    [1, 2, 3].map((strides): [string, GraphDocument] => [
      `conv2d ${JSON.stringify(padding)} stride ${strides}`,
      chainDocument([2, 9, 8], [{ type: 'conv2d', params: { filters: 3, kernelSize: [3, 2], strides, padding } }, { type: 'relu' }, ...head]),
    ]),
  ),
  ['locallyConnected2d', chainDocument([2, 7, 6], [{ type: 'locallyConnected2d', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' } }, { type: 'tanh' }, ...head])],
  ['tiledConv2d', chainDocument([2, 7, 6], [{ type: 'tiledConv2d', params: { filters: 2, kernelSize: 2, tiles: 2, padding: 'full' } }, { type: 'sigmoid' }, ...head])],
  ...(['maxPool2d', 'avgPool2d'] as const).map((type): [string, GraphDocument] => [
    type,
    chainDocument([2, 9, 8], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2 } }, { type, params: { poolSize: 3, strides: 2, padding: 'same' } } as LayerSpec, ...head]),
  ]),
  ['leakyRelu, dropout, flatten, dense without bias', chainDocument([3, 6, 6], [
    { type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } }, { type: 'leakyRelu', params: { alpha: 0.2 } },
    { type: 'dropout', params: { rate: 0.5 } }, { type: 'flatten' }, { type: 'dense', params: { units: 5, useBias: false } }, ...head,
  ])],
  ['LeNet-5', example('lenet-5')],
  ['branches (add, concat)', example('branches')],
];

interface PassResult {
  outputs: Map<string, Float64Array>;
  grads: Map<string, Float64Array>;
  inputGrad: Float64Array;
  loss: number;
}

function runPass(doc: GraphDocument, backend: Backend): PassResult {
  const network = buildNetwork(doc, backend, 3);
  const batch = 3;
  const size = network.inputShape.reduce((a, b) => a * b, 1);
  const x = backend.tensor([batch, ...network.inputShape], Array.from(randomValues(batch * size, 11), Math.fround));
  const labels = Int32Array.from([0, 1, 3].map((l) => l % network.outputClasses));
  // Training mode, so dropout is on: the mask comes from the seeded generator, the same on every backend.
  const pass = lossAndGradients(network, x, labels, createRandom(5), true);
  const read = (t: Tensor) => Float64Array.from(backend.read(t));
  const result = {
    outputs: new Map([...pass.outputs].map(([id, t]) => [id, read(t)])),
    grads: new Map(network.parameters.map(({ nodeId, param }) => [`${nodeId}.${param.name}`, read(param.grad as Tensor)])),
    inputGrad: read(pass.inputGrad as Tensor),
    loss: pass.loss,
  };
  network.release(pass.outputs);
  return result;
}

function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return diff / scale;
}

describe.each(NODE_BACKENDS)('backend $name', ({ create }) => {
  const backend = create();

  it.each(PARITY_CASES)('%s: outputs and gradients match the float64 reference', (_name, doc) => {
    const reference = runPass(doc, createCpuBackend('float64'));
    const ours = runPass(doc, backend);
    for (const [id, values] of reference.outputs) expect(relativeError(ours.outputs.get(id) ?? [], values), `output of ${id}`).toBeLessThan(1e-4);
    for (const [name, values] of reference.grads) expect(relativeError(ours.grads.get(name) ?? [], values), `gradient of ${name}`).toBeLessThan(1e-3);
    expect(relativeError(ours.inputGrad, reference.inputGrad), 'input gradient').toBeLessThan(1e-3);
  });

  it('200 training steps follow the reference loss curve', async () => {
    const doc = example('shapes-cnn');
    const dataset = createShapesDataset(1, 6400, 200);
    const options = { epochs: 1, batchSize: 32, maxSteps: 200, optimizer: resolveOptimizer({ type: 'adam', learningRate: 0.002 }), seed: 4, progressIntervalMs: 0 };
    const losses = async (b: Backend) => {
      const curve: number[] = [];
      for await (const e of new TrainingRun(buildNetwork(doc, b, 4), dataset, options).events() as AsyncGenerator<TrainEvent>) {
        if (e.event === 'progress') curve.push(e.loss);
      }
      return curve;
    };
    const reference = await losses(createCpuBackend('float64'));
    const ours = await losses(backend);
    expect(ours).toHaveLength(200);
    // Stated tolerance: the running mean loss stays within 2% (relative) of the reference at every step.
    ours.forEach((loss, step) => expect(Math.abs(loss - (reference[step] ?? NaN)) / (reference[step] ?? 1), `step ${step + 1}`).toBeLessThan(0.02));
  }, 300_000);
});
