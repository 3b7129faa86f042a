/**
 * Finite-difference gradient checks, in float64: for every node type, padding
 * mode, strides 1-3, odd and even kernels and multi-channel inputs, the
 * backward pass must agree with (L(θ + ε) − L(θ − ε)) / 2ε on the loss.
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../../engine/backend/backend';
import type { GraphDocument } from '../../../engine';
import type { Network } from '../../../engine/network/network';
import { createRandom } from '../../../engine/network/random';
import { lossAndGradients } from '../../../engine/training/lossAndGradients';
import { chainDocument, type LayerSpec } from '../../helpers/graphs';
import { buildNetwork, randomValues } from '../../helpers/network';

const BATCH = 2;
const CLASSES = 3;
const EPS = 1e-6;

/** The largest relative error between analytic and numeric gradients, over up to `samples` entries of each tensor. */
function checkGradients(doc: GraphDocument, samples = 12): number {
  const network = buildNetwork(doc);
  const backend = network.backend;
  const x = backend.tensor([BATCH, ...network.inputShape], randomValues(BATCH * network.inputShape.reduce((a, b) => a * b, 1), 7));
  const labels = Int32Array.from({ length: BATCH }, (_, i) => i % CLASSES);
  const loss = () => {
    const pass = lossAndGradients(network, x, labels, createRandom(99), { inputGradient: true });
    network.release(pass.outputs);
    return pass.loss;
  };
  const pass = lossAndGradients(network, x, labels, createRandom(99), { inputGradient: true });
  const targets: { name: string; value: Tensor; grad: Float64Array }[] = network.parameters.map(({ nodeId, param }) => ({
    name: `${nodeId}.${param.name}`,
    value: param.value,
    grad: Float64Array.from(backend.read(param.grad as Tensor)),
  }));
  targets.push({ name: 'input', value: x, grad: Float64Array.from(backend.read(pass.inputGrad as Tensor)) });

  let worst = 0;
  for (const target of targets) {
    const values = backend.read(target.value) as Float64Array;
    const stride = Math.max(1, Math.floor(values.length / samples));
    for (let i = 0; i < values.length; i += stride) {
      const numeric = numericGradient(network, target.value, values, i, loss);
      const analytic = target.grad[i] as number;
      const error = Math.abs(numeric - analytic) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic));
      if (error > worst) worst = error;
      expect(error, `${target.name}[${i}]: analytic ${analytic}, numeric ${numeric}`).toBeLessThan(1e-5);
    }
  }
  return worst;
}

function numericGradient(network: Network, tensor: Tensor, values: Float64Array, i: number, loss: () => number): number {
  const write = (v: number) => {
    values[i] = v;
    setValues(network, tensor, values);
  };
  const original = values[i] as number;
  write(original + EPS);
  const plus = loss();
  write(original - EPS);
  const minus = loss();
  write(original);
  return (plus - minus) / (2 * EPS);
}

/** The float64 CPU backend's tensors are plain arrays: overwrite in place through a same-size view. */
function setValues(network: Network, tensor: Tensor, values: Float64Array): void {
  (network.backend.reshape(tensor, tensor.shape) as unknown as { data: Float64Array }).data.set(values);
}

/** input → layer → (flatten via dense) → dense(3) → softmax */
const withHead = (inputShape: [number, number, number] | [number], layers: LayerSpec[]) =>
  chainDocument(inputShape, [...layers, { type: 'dense', params: { units: CLASSES } }, { type: 'softmax' }]);

describe.each(['conv2d', 'locallyConnected2d', 'tiledConv2d'] as const)('%s gradients', (type) => {
  const paddings = ['valid', 'same', 'full', [1, 0, 2, 1]] as const;
  const cases = paddings.flatMap((padding) => [1, 2, 3].flatMap((strides) => [3, 2].map((k) => [padding, strides, k] as const)));
  it.each(cases)('padding %j, stride %i, kernel %i, 2 input channels', (padding, strides, k) => {
    const params = { filters: 2, kernelSize: [k, k + 1] as [number, number], strides, padding, ...(type === 'tiledConv2d' ? { tiles: 2 } : {}) };
    checkGradients(withHead([2, 7, 6], [{ type, params } as LayerSpec]));
  });
});

describe.each(['maxPool2d', 'avgPool2d'] as const)('%s gradients', (type) => {
  it.each([
    [{}],
    [{ poolSize: 3, strides: 1 }],
    [{ poolSize: 3, strides: 2, padding: 'same' }],
    [{ poolSize: 2, strides: 3, padding: 'full' }],
    [{ poolSize: [2, 3], strides: [1, 2], padding: [1, 1, 0, 2] }],
  ])('%j', (params) => {
    checkGradients(withHead([2, 7, 6], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2 } }, { type, params } as LayerSpec]));
  });
});

describe('element-wise and structural layers', () => {
  it.each(['relu', 'sigmoid', 'tanh', 'leakyRelu'] as const)('%s', (type) => {
    checkGradients(withHead([2, 5, 5], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2 } }, { type } as LayerSpec]));
  });
  it('dropout (the same mask on every pass)', () => {
    checkGradients(withHead([2, 5, 5], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2 } }, { type: 'dropout', params: { rate: 0.4 } }]));
  });
  it('flatten, dense without bias, dense on a flat input', () => {
    checkGradients(withHead([2, 4, 3], [{ type: 'flatten' }, { type: 'dense', params: { units: 5, useBias: false } }, { type: 'tanh' }]));
    checkGradients(withHead([6], [{ type: 'dense', params: { units: 4 } }, { type: 'sigmoid' }]));
  });
  it('conv without bias', () => {
    checkGradients(withHead([1, 5, 5], [{ type: 'conv2d', params: { filters: 3, kernelSize: 3, useBias: false } }]));
  });
  it('dilated conv: the taps spread apart, every padding mode, strides', () => {
    checkGradients(withHead([2, 8, 7], [{ type: 'conv2d', params: { filters: 2, kernelSize: [3, 2], dilation: 2 } }]));
    checkGradients(withHead([1, 7, 7], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2, dilation: [3, 2], padding: 'same', strides: 2 } }]));
    checkGradients(withHead([1, 4, 5], [{ type: 'conv2d', params: { filters: 1, kernelSize: 2, dilation: 2, padding: 'full', useBias: false } }]));
  });
});

describe('whole graphs with branches', () => {
  it('a residual add (one node feeding two) and a concat', () => {
    const doc = chainDocument([2, 6, 6], [{ id: 'stem', type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } }]);
    doc.nodes.push(
      { id: 'a', type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } },
      { id: 'ar', type: 'tanh' },
      { id: 'sum', type: 'add' },
      { id: 'b', type: 'conv2d', params: { filters: 3, kernelSize: 1 } },
      { id: 'cat', type: 'concat' },
      { id: 'pool', type: 'maxPool2d' },
      { id: 'd', type: 'dense', params: { units: CLASSES } },
      { id: 'out', type: 'softmax' },
    );
    doc.edges.push(
      { from: 'stem', to: 'a' }, { from: 'a', to: 'ar' }, { from: 'ar', to: 'sum' }, { from: 'stem', to: 'sum' },
      { from: 'stem', to: 'b' }, { from: 'sum', to: 'cat', port: 1 }, { from: 'b', to: 'cat', port: 0 },
      { from: 'cat', to: 'pool' }, { from: 'pool', to: 'd' }, { from: 'd', to: 'out' },
    );
    checkGradients(doc, 20);
  });
  it('the LeNet-5 shape, scaled down', () => {
    checkGradients(withHead([1, 12, 12], [
      { type: 'conv2d', params: { filters: 3, kernelSize: 3 } }, { type: 'relu' }, { type: 'maxPool2d' },
      { type: 'conv2d', params: { filters: 4, kernelSize: 2 } }, { type: 'relu' }, { type: 'avgPool2d' },
      { type: 'flatten' }, { type: 'dense', params: { units: 6 } }, { type: 'relu' },
    ]));
  });
});
