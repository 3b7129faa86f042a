/**
 * The parity cases and how a backend is compared with the reference: shared
 * by the Node suite and the one that runs in Chromium, so it imports nothing
 * from Node.
 */
import type { Backend, Tensor } from '../../engine/backend/backend';
import type { GraphDocument } from '../../engine';
import { createRandom } from '../../engine/network/random';
import { lossAndGradients } from '../../engine/training/lossAndGradients';
import { createShapesDataset } from '../../engine/data/synthetic/shapes';
import { resolveOptimizer } from '../../engine/training/optimizer';
import { TrainingRun } from '../../engine/training/trainer';
import branches from '../../resources/examples/branches.json';
import shapesCnn from '../../resources/examples/shapes-cnn.json';
import lenet from '../../resources/examples/lenet-5.json';
import { chainDocument, type LayerSpec } from './graphs';
import { buildNetwork, randomValues } from './network';

const head: LayerSpec[] = [{ type: 'dense', params: { units: 4 } }, { type: 'softmax' }];
const paddings: ('valid' | 'same' | 'full' | [number, number, number, number])[] = ['valid', 'same', 'full', [2, 0, 1, 1]];

export const PARITY_CASES: [string, GraphDocument][] = [
  ...paddings.flatMap((padding) =>
    [1, 2, 3].map((strides): [string, GraphDocument] => [
      `conv2d ${JSON.stringify(padding)} stride ${strides}`,
      chainDocument([2, 9, 8], [{ type: 'conv2d', params: { filters: 3, kernelSize: [3, 2], strides, padding } }, { type: 'relu' }, ...head]),
    ]),
  ),
  ['conv2d dilated 2×3, same, stride 2', chainDocument([2, 9, 10], [{ type: 'conv2d', params: { filters: 3, kernelSize: 3, dilation: [2, 3], strides: 2, padding: 'same' } }, { type: 'relu' }, ...head])],
  ['locallyConnected2d', chainDocument([2, 7, 6], [{ type: 'locallyConnected2d', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' } }, { type: 'tanh' }, ...head])],
  ['tiledConv2d', chainDocument([2, 7, 6], [{ type: 'tiledConv2d', params: { filters: 2, kernelSize: 2, tiles: 2, padding: 'full' } }, { type: 'sigmoid' }, ...head])],
  ...(['maxPool2d', 'avgPool2d'] as const).map((type): [string, GraphDocument] => [
    type,
    chainDocument([2, 9, 8], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2 } }, { type, params: { poolSize: 3, strides: 2, padding: 'same' } } as LayerSpec, ...head]),
  ]),
  // Rows a multiple of 4 wide take the webasm backend's SIMD pooling kernels; 9 × 8 above takes its others.
  ...([1, 3] as const).map((strides): [string, GraphDocument] => [
    `maxPool2d 3×3 stride ${strides} with padding over rows of 8`,
    chainDocument([2, 9, 9], [
      { type: 'conv2d', params: { filters: 5, kernelSize: 2 } }, { type: 'maxPool2d', params: { poolSize: 3, strides, padding: 'same' } }, { type: 'relu' }, ...head,
    ]),
  ]),
  ['leakyRelu, dropout, flatten, dense without bias', chainDocument([3, 6, 6], [
    { type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } }, { type: 'leakyRelu', params: { alpha: 0.2 } },
    { type: 'dropout', params: { rate: 0.5 } }, { type: 'flatten' }, { type: 'dense', params: { units: 5, useBias: false } }, ...head,
  ])],
  // A classifier without a dense layer: as many filters as classes, each averaged over the picture.
  ['globalAvgPool2d', chainDocument([2, 7, 6], [{ type: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same' } }, { type: 'relu' }, { type: 'globalAvgPool2d' }, { type: 'softmax' }])],
  ['globalAvgPool2d before a dense layer, on a 1×1 map', chainDocument([3, 4, 4], [{ type: 'conv2d', params: { filters: 3, kernelSize: 4 } }, { type: 'globalAvgPool2d' }, ...head])],
  // Batch statistics in training mode, with a per-channel shift and scale built from existing primitives.
  // The convolution has no bias, as usual before a batch norm: its gradient would be zero up to rounding.
  ['batchNorm2d after conv2d, before relu', chainDocument([2, 8, 8], [
    { type: 'conv2d', params: { filters: 3, kernelSize: 3, padding: 'same', useBias: false } }, { type: 'batchNorm2d', params: { momentum: 0.2 } }, { type: 'relu' }, { type: 'maxPool2d' }, ...head,
  ])],
  ['LeNet-5', lenet as GraphDocument],
  ['branches (add, concat)', branches as GraphDocument],
];

export interface PassResult {
  outputs: Map<string, Float64Array>;
  grads: Map<string, Float64Array>;
  inputGrad: Float64Array;
  loss: number;
}

/** One forward and backward pass with fixed weights, input, labels and dropout mask. */
export function runPass(doc: GraphDocument, backend: Backend): PassResult {
  const network = buildNetwork(doc, backend, 3);
  const batch = 3;
  const size = network.inputShape.reduce((a, b) => a * b, 1);
  const x = backend.tensor([batch, ...network.inputShape], Array.from(randomValues(batch * size, 11), Math.fround));
  const labels = Int32Array.from([0, 1, 3].map((l) => l % network.outputClasses));
  // Training mode, so dropout is on: the mask comes from the seeded generator, the same on every backend.
  const pass = lossAndGradients(network, x, labels, createRandom(5), { inputGradient: true });
  const read = (t: Tensor) => Float64Array.from(backend.read(t));
  const result = {
    outputs: new Map([...pass.outputs].map(([id, t]) => [id, read(t)])),
    // Statistics a layer keeps itself (batch norm's running mean) have no gradient.
    grads: new Map(network.parameters.flatMap(({ nodeId, param }) => (param.grad ? [[`${nodeId}.${param.name}`, read(param.grad)] as const] : []))),
    inputGrad: read(pass.inputGrad as Tensor),
    loss: pass.loss,
  };
  network.release(pass.outputs);
  return result;
}

export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return diff / scale;
}

export interface CaseErrors {
  name: string;
  /** Largest relative error over every node's output. */
  output: number;
  /** Largest relative error over every parameter's gradient and the input's. */
  gradient: number;
  worstOutput: string;
  worstGradient: string;
}

export function compareWithReference(name: string, doc: GraphDocument, backend: Backend, reference: Backend): CaseErrors {
  const ref = runPass(doc, reference);
  const ours = runPass(doc, backend);
  const errors: CaseErrors = { name, output: 0, gradient: 0, worstOutput: '', worstGradient: '' };
  for (const [id, values] of ref.outputs) {
    const e = relativeError(ours.outputs.get(id) ?? [], values);
    if (e >= errors.output) [errors.output, errors.worstOutput] = [e, id];
  }
  const grads: [string, Float64Array, Float64Array | undefined][] = [...ref.grads].map(([key, values]) => [key, values, ours.grads.get(key)]);
  grads.push(['input', ref.inputGrad, ours.inputGrad]);
  for (const [key, values, actual] of grads) {
    const e = relativeError(actual ?? [], values);
    if (e >= errors.gradient) [errors.gradient, errors.worstGradient] = [e, key];
  }
  return errors;
}

/** Stated tolerance: the running mean loss stays within 2% (relative) of the reference at every step. */
export const LOSS_CURVE_TOLERANCE = 0.02;

/** The running mean training loss of the shapes classifier, step by step, for `steps` steps on a backend. */
export async function lossCurve(backend: Backend, steps = 200): Promise<number[]> {
  const dataset = createShapesDataset(1, steps * 32, 200);
  const options = { epochs: 1, batchSize: 32, maxSteps: steps, optimizer: resolveOptimizer({ type: 'adam', learningRate: 0.002 }), seed: 4, progressIntervalMs: 0 };
  const curve: number[] = [];
  for await (const e of new TrainingRun(buildNetwork(shapesCnn as GraphDocument, backend, 4), dataset, options).events()) {
    if (e.event === 'progress') curve.push(e.loss);
    if (e.event === 'error') throw new Error(e.message);
  }
  return curve;
}

/** The largest relative distance between two loss curves, and where. */
export function curveDistance(ours: readonly number[], reference: readonly number[]): { worst: number; step: number } {
  let worst = ours.length === reference.length ? 0 : Infinity;
  let step = 0;
  ours.forEach((loss, i) => {
    const d = Math.abs(loss - (reference[i] ?? NaN)) / (reference[i] ?? 1);
    if (!(d <= worst)) [worst, step] = [d, i + 1];
  });
  return { worst, step };
}
