/**
 * ONNX export, proven equal to the engine: every node type (each example,
 * the every-feature fixture, and cases for the mappings' corners: pads as
 * large as the window, dilation, kernel sets, batch norm, three-way add) is
 * exported, run in onnxruntime (CPU) on a random batch, and compared with the
 * engine's own forward pass (float32, evaluation mode); every model passes
 * onnx.checker.check_model(full_check=True) from Debian's python3-onnx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { loadDocumentValue, type GraphDocument } from '../../../engine';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { exportOnnx } from '../../../engine/export/onnx/exportOnnx';
import { Network } from '../../../engine/network/network';
import { createRandom } from '../../../engine/network/random';
import { chainDocument, type LayerSpec } from '../../helpers/graphs';
import { randomValues } from '../../helpers/network';
import { ORACLES_REQUIRED, PYTHON } from '../../helpers/oracles';
import { relativeError } from '../../helpers/parityCases';

const head: LayerSpec[] = [{ type: 'dense', params: { units: 3 } }, { type: 'softmax' }];
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as GraphDocument;

const CASES: [string, GraphDocument][] = [
  ...['lenet-5', 'small-cnn', 'mlp', 'branches', 'shapes-cnn', 'edge-detection', 'lecture-computational-costs'].map((name): [string, GraphDocument] => [`example ${name}`, json(`resources/examples/${name}.json`)]),
  ['every feature (fixture v1)', json('test/fixtures/v1/every-feature.json')],
  ...(['maxPool2d', 'avgPool2d'] as const).flatMap((type) => [
    [`${type} same, stride 2`, chainDocument([2, 7, 6], [{ type, params: { poolSize: 3, strides: 2, padding: 'same' } } as LayerSpec, ...head])] as [string, GraphDocument],
    // Pads as large as the window, which onnxruntime refuses on the pooling operators: windows over padding alone give 0.
    [`${type} with pads as large as the window`, chainDocument([2, 5, 5], [{ type, params: { poolSize: 2, strides: 1, padding: [2, 3, 0, 2] } } as LayerSpec, ...head])] as [string, GraphDocument],
    [`${type} full`, chainDocument([1, 6, 6], [{ type, params: { poolSize: [3, 2], strides: [2, 1], padding: 'full' } } as LayerSpec, ...head])] as [string, GraphDocument],
  ]),
  ['conv2d dilated, same, stride 2', chainDocument([2, 9, 10], [{ type: 'conv2d', params: { filters: 3, kernelSize: 3, dilation: [2, 3], strides: 2, padding: 'same' } }, { type: 'relu' }, ...head])],
  ['conv2d with pads larger than the kernel', chainDocument([1, 5, 5], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2, padding: [3, 0, 2, 2] } }, ...head])],
  ['locallyConnected2d, strided, same', chainDocument([2, 7, 6], [{ type: 'locallyConnected2d', params: { filters: 3, kernelSize: 3, strides: 2, padding: 'same' } }, { type: 'tanh' }, ...head])],
  ['tiledConv2d 2×3 tiles, full, without bias', chainDocument([2, 6, 7], [{ type: 'tiledConv2d', params: { filters: 2, kernelSize: 2, tiles: [2, 3], padding: 'full', useBias: false } }, ...head])],
  ['batchNorm2d, globalAvgPool2d, leakyRelu with alpha 0', chainDocument([3, 6, 6], [
    { type: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same', useBias: false } }, { type: 'batchNorm2d', params: { momentum: 0.2, epsilon: 0.001 } },
    { type: 'leakyRelu', params: { alpha: 0 } }, { type: 'globalAvgPool2d' }, { type: 'softmax' },
  ])],
  ['a three-way add', {
    format: 'convstudio-graph', version: 1, name: 'three-way add',
    nodes: [
      { id: 'in', type: 'input', params: { shape: [1, 6, 6] } },
      { id: 'a', type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } },
      { id: 'b', type: 'conv2d', params: { filters: 2, kernelSize: 1 } },
      { id: 'c', type: 'sigmoid' },
      { id: 'sum', type: 'add' }, { id: 'f', type: 'flatten' }, { id: 'd', type: 'dense', params: { units: 4 } }, { id: 's', type: 'softmax' },
    ],
    edges: [
      { from: 'in', to: 'a' }, { from: 'in', to: 'b' }, { from: 'b', to: 'c' },
      { from: 'a', to: 'sum' }, { from: 'b', to: 'sum' }, { from: 'c', to: 'sum' }, { from: 'sum', to: 'f' }, { from: 'f', to: 'd' }, { from: 'd', to: 's' },
    ],
  }],
];

const folder = mkdtempSync(join(tmpdir(), 'convstudio-onnx-'));

/** The engine's output for a batch of 3 (evaluation mode), and the input it was given. */
function engineOutput(doc: GraphDocument) {
  const loaded = loadDocumentValue(structuredClone(doc));
  if (!loaded.document || !loaded.analysis) throw new Error(JSON.stringify(loaded.problems));
  const backend = createCpuBackend('float32');
  const network = Network.create(loaded.document, loaded.analysis, backend, loaded.document.training?.seed ?? 1);
  const shape = [3, ...network.inputShape];
  const input = Float32Array.from(randomValues(shape.reduce((a, b) => a * b, 1), 17));
  const outputs = network.forward(backend.tensor(shape, input), false, createRandom(1));
  const output = outputs.get(network.outputId)!;
  return { document: loaded.document, shape, input, outputShape: [...output.shape], output: Float32Array.from(backend.read(output)) };
}

describe('ONNX export', () => {
  it.each(CASES)('%s: onnxruntime gives the engine’s output', async (name, doc) => {
    const ours = engineOutput(doc);
    const model = exportOnnx(ours.document);
    writeFileSync(join(folder, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.onnx`), model.bytes);
    const session = await InferenceSession.create(model.bytes);
    expect(session.inputNames).toEqual([model.inputName]);
    const result = await session.run({ [model.inputName]: new OrtTensor('float32', ours.input, ours.shape) });
    const theirs = result[model.outputName];
    expect(theirs?.dims).toEqual(ours.outputShape);
    expect(relativeError(Array.from(theirs?.data as Float32Array), ours.output)).toBeLessThan(1e-4);
  });

  it('keeps ConvStudio’s data in metadata_props and node names, not in operator attributes', () => {
    const doc = json('resources/examples/lenet-5.json');
    const { bytes } = exportOnnx(loadDocumentValue(doc).document!);
    const text = Buffer.from(bytes).toString('latin1');
    for (const key of ['convstudio.document.name', 'convstudio.document.version', 'convstudio.nodes', 'LeNet-5']) expect(text).toContain(key);
  });

  it.skipIf(spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status !== 0 && !ORACLES_REQUIRED)('names each node’s last operator after the ConvStudio node (c1 is the Conv, d1 the Gemm after d1/Flatten)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'convstudio-onnx-names-')), 'lenet.onnx');
    writeFileSync(file, exportOnnx(loadDocumentValue(json('resources/examples/lenet-5.json')).document!).bytes);
    const script = 'import onnx, sys, json\nm = onnx.load(sys.argv[1])\nprint(json.dumps([[n.name, n.op_type, list(n.output)] for n in m.graph.node]))';
    const nodes = JSON.parse(spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }).stdout) as [string, string, string[]][];
    expect(nodes.filter(([, op]) => op === 'Conv').map(([name]) => name)).toEqual(['c1', 'c2']);
    expect(nodes.filter(([, op]) => op === 'Gemm').map(([name]) => name)).toEqual(['d1', 'd2', 'd3']);
    expect(nodes.find(([, op]) => op === 'Flatten')?.[0]).toBe('f');
    expect(nodes.every(([name, , outputs]) => outputs[0] === name)).toBe(true);
  });

  const checker = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!checker && !ORACLES_REQUIRED)('every exported model passes onnx.checker.check_model(full_check=True)', () => {
    const script = [
      'import glob, sys, onnx',
      'files = sorted(glob.glob(sys.argv[1] + "/*.onnx"))',
      'for f in files: onnx.checker.check_model(onnx.load(f), full_check=True)',
      'print(len(files))',
    ].join('\n');
    const run = spawnSync(PYTHON, ['-c', script, folder], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBe(CASES.length);
  });
});
