/**
 * Parity with PyTorch (Debian's python3-torch, which CI installs): the same
 * graph, weights and input give the same outputs (relative error < 1e-4), and
 * the same loss gradients (< 1e-3), for every node type PyTorch can express.
 * The engine runs in float32, as it trains; PyTorch in float64, as ground truth.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../../helpers/oracles';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import type { Tensor } from '../../../engine/backend/backend';
import type { GraphDocument } from '../../../engine';
import { createRandom } from '../../../engine/network/random';
import { lossAndGradients } from '../../../engine/training/lossAndGradients';
import { chainDocument, type LayerSpec } from '../../helpers/graphs';
import { buildNetwork, randomValues } from '../../helpers/network';
import { relativeError } from '../../helpers/parityCases';


const head: LayerSpec[] = [{ type: 'dense', params: { units: 4 } }, { type: 'softmax' }];
const paddings: ('valid' | 'same' | 'full' | [number, number, number, number])[] = ['valid', 'same', 'full', [2, 0, 1, 1]];

const DILATION_CASES: ['valid' | 'same' | 'full' | [number, number, number, number], number | [number, number], number][] = [
  ['valid', 2, 1], ['same', 2, 1], ['full', [2, 3], 2], [[1, 2, 0, 3], [3, 1], 1],
];

const CASES: [string, GraphDocument][] = [
  ...paddings.flatMap((padding) =>
    [1, 2, 3].map((strides): [string, GraphDocument] => [
      `conv2d padding ${JSON.stringify(padding)} stride ${strides}`,
      chainDocument([2, 9, 8], [{ type: 'conv2d', params: { filters: 3, kernelSize: [3, 2], strides, padding } }, { type: 'relu' }, ...head]),
    ]),
  ),
  ...(['maxPool2d', 'avgPool2d'] as const).flatMap((type) =>
    [{}, { poolSize: 3, strides: 2, padding: 'same' }, { poolSize: 2, strides: 1, padding: 'full' }, { poolSize: [3, 2], strides: [2, 1], padding: [1, 2, 0, 1] }].map(
      (params): [string, GraphDocument] => [
        `${type} ${JSON.stringify(params)}`,
        chainDocument([2, 9, 8], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2 } }, { type, params } as LayerSpec, ...head]),
      ],
    ),
  ),
  ['leakyRelu, sigmoid, tanh, dropout, flatten', chainDocument([3, 6, 6], [
    { type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } }, { type: 'leakyRelu', params: { alpha: 0.2 } },
    { type: 'conv2d', params: { filters: 2, kernelSize: 3 } }, { type: 'sigmoid' }, { type: 'dropout', params: { rate: 0.5 } },
    { type: 'flatten' }, { type: 'dense', params: { units: 5, useBias: false } }, { type: 'tanh' }, ...head,
  ])],
  ...DILATION_CASES.map(([padding, dilation, strides]): [string, GraphDocument] => [
    `conv2d dilation ${JSON.stringify(dilation)} padding ${JSON.stringify(padding)} stride ${strides}`,
    chainDocument([2, 11, 10], [{ type: 'conv2d', params: { filters: 3, kernelSize: [3, 2], dilation, strides, padding } }, { type: 'relu' }, ...head]),
  ]),
  ['globalAvgPool2d as the classifier', chainDocument([2, 7, 6], [{ type: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same' } }, { type: 'relu' }, { type: 'globalAvgPool2d' }, { type: 'softmax' }])],
  ['globalAvgPool2d before a dense layer', chainDocument([3, 9, 8], [{ type: 'conv2d', params: { filters: 3, kernelSize: 2, strides: 2 } }, { type: 'tanh' }, { type: 'globalAvgPool2d' }, ...head])],
  ...['lenet-5', 'small-cnn', 'mlp', 'branches'].map((name): [string, GraphDocument] => [
    `example ${name}`,
    JSON.parse(readFileSync(`resources/examples/${name}.json`, 'utf8')) as GraphDocument,
  ]),
];

interface Reference {
  outputs: Record<string, number[]>;
  loss: number;
  grads: Record<string, Record<string, number[]>>;
  inputGrad: number[];
}


describe.skipIf(!torchAvailable && !ORACLES_REQUIRED)('parity with PyTorch', () => {
  const engine = CASES.map(([, doc]) => {
    const network = buildNetwork(doc, createCpuBackend('float32'), 3);
    const withWeights = network.writeWeights(doc);
    const backend = network.backend;
    const batch = 3;
    const size = network.inputShape.reduce((a, b) => a * b, 1);
    const input = Array.from(randomValues(batch * size, 11), (v) => Math.fround(v));
    const labels = [0, 1, 3];
    const x = backend.tensor([batch, ...network.inputShape], input);
    const pass = lossAndGradients(network, x, Int32Array.from(labels), createRandom(1), { training: false, inputGradient: true });
    return {
      job: { document: withWeights, input: { shape: [batch, ...network.inputShape], data: input }, labels },
      loss: pass.loss,
      outputs: new Map([...pass.outputs].map(([id, t]) => [id, backend.read(t)])),
      grads: network.parameters.map(({ nodeId, param }) => ({ nodeId, name: param.name, values: backend.read(param.grad as Tensor) })),
      inputGrad: backend.read(pass.inputGrad as Tensor),
    };
  });
  let references: Reference[] = [];

  beforeAll(() => {
    const run = spawnSync(PYTHON, ['test/oracle/torch_reference.py'], {
      input: JSON.stringify(engine.map((e) => e.job)),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (run.status !== 0) throw new Error(`torch_reference.py failed: ${run.stderr}`);
    references = JSON.parse(run.stdout) as Reference[];
  }, 120_000);

  it.each(CASES.map(([name], i) => [name, i] as const))('%s', (_name, i) => {
    const ours = engine[i];
    const ref = references[i];
    if (!ours || !ref) throw new Error('missing case');
    for (const [id, values] of ours.outputs) {
      expect(relativeError(values, ref.outputs[id] ?? []), `output of ${id}`).toBeLessThan(1e-4);
    }
    expect(Math.abs(ours.loss - ref.loss) / Math.abs(ref.loss)).toBeLessThan(1e-4);
    for (const { nodeId, name, values } of ours.grads) {
      expect(relativeError(values, ref.grads[nodeId]?.[name] ?? []), `gradient of ${nodeId}.${name}`).toBeLessThan(1e-3);
    }
    expect(relativeError(ours.inputGrad, ref.inputGrad), 'gradient of the input').toBeLessThan(1e-3);
  });
});
