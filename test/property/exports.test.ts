/**
 * ONNX and PyTorch export on random graphs: chains of every node type (convolutions
 * with and without dilation, kernel sets, the activations, both poolings,
 * batch norm, dropout, branches joined by add and concat), every padding mode
 * (explicit pads as large as the window too), strides 1-3, ending in global
 * average pooling or a dense layer and a softmax. Each graph's ONNX export
 * runs in onnxruntime and matches the engine within 1e-4, and passes
 * onnx.checker's full check; its PyTorch project's logits match the engine's
 * within 1e-4 in Debian's PyTorch.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, hasErrors, type GraphDocument } from '../../engine';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { Network } from '../../engine/network/network';
import { createRandom, type Random } from '../../engine/network/random';
import { randomValues } from '../helpers/network';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../helpers/oracles';
import { relativeError } from '../helpers/parityCases';

const GRAPHS = 100;

function padding(random: Random): unknown {
  const modes = ['valid', 'same', 'full', 'explicit'] as const;
  const mode = modes[random.int(modes.length)]!;
  return mode === 'explicit' ? [random.int(4), random.int(4), random.int(4), random.int(4)] : mode;
}

function randomGraph(random: Random, trial: number): GraphDocument {
  const nodes: Record<string, unknown>[] = [{ id: 'in', type: 'input', params: { shape: [1 + random.int(3), 6 + random.int(8), 6 + random.int(8)] } }];
  const edges: { from: string; to: string }[] = [];
  let last = 'in';
  const add = (node: Record<string, unknown>, from: string | string[] = last) => {
    nodes.push(node);
    for (const f of [from].flat()) edges.push({ from: f, to: node['id'] as string });
    last = node['id'] as string;
  };
  const pair = (max: number) => [1 + random.int(max), 1 + random.int(max)];
  for (let i = 0; i < 2 + random.int(4); i++) {
    const id = `n${i}`;
    const kind = random.int(11);
    if (kind === 0) add({ id, type: 'conv2d', params: { filters: 1 + random.int(3), kernelSize: pair(3), strides: pair(3), padding: padding(random), ...(random.int(3) === 0 ? { dilation: pair(2) } : {}), useBias: random.int(4) > 0 } });
    else if (kind === 1) add({ id, type: random.int(2) ? 'maxPool2d' : 'avgPool2d', params: { poolSize: pair(3), strides: pair(3), padding: padding(random) } });
    else if (kind === 2) add({ id, type: 'locallyConnected2d', params: { filters: 1 + random.int(2), kernelSize: pair(3), strides: pair(2), padding: padding(random) } });
    else if (kind === 3) add({ id, type: 'tiledConv2d', params: { filters: 1 + random.int(2), kernelSize: pair(3), strides: pair(2), padding: padding(random), tiles: pair(3) } });
    else if (kind === 4) add({ id, type: ['relu', 'sigmoid', 'tanh'][random.int(3)] });
    else if (kind === 5) add({ id, type: 'leakyRelu', params: { alpha: random.int(3) / 4 } });
    else if (kind === 6) add({ id, type: 'batchNorm2d', params: { momentum: 0.1 + random.int(5) / 10, epsilon: 1e-5 * (1 + random.int(100)) } });
    else if (kind === 7) add({ id, type: 'dropout', params: { rate: 0.5 } });
    else {
      // A branch: two same-size convolutions of one input, joined (add needs equal filters).
      const from = last;
      const join = random.int(2) ? 'concat' : 'add';
      const filters = 1 + random.int(3);
      add({ id: `${id}a`, type: 'conv2d', params: { filters, kernelSize: pair(3), padding: 'same' } }, from);
      add({ id: `${id}b`, type: 'conv2d', params: { filters: join === 'add' ? filters : 1 + random.int(3), kernelSize: pair(3), padding: 'same' } }, from);
      add({ id, type: join }, [`${id}a`, `${id}b`]);
    }
  }
  if (random.int(3) === 0) add({ id: 'g', type: 'globalAvgPool2d' });
  else {
    if (random.int(2)) add({ id: 'f', type: 'flatten' });
    add({ id: 'd', type: 'dense', params: { units: 2 + random.int(4), useBias: random.int(4) > 0 } });
  }
  add({ id: 's', type: 'softmax' });
  return { format: 'convstudio-graph', version: 2, name: `random ${trial}`, nodes, edges, training: { seed: trial } } as unknown as GraphDocument;
}

/** Random graphs the engine accepts (a window too large for what reaches it is refused by the analysis, and redrawn). */
function validGraphs(count: number): GraphDocument[] {
  const random = createRandom(2026);
  const graphs: GraphDocument[] = [];
  for (let trial = 0; graphs.length < count; trial++) {
    const doc = randomGraph(random, trial);
    if (!hasErrors(analyzeGraph(doc).problems)) graphs.push(doc);
  }
  return graphs;
}

describe('ONNX and PyTorch export of random graphs', () => {
  const graphs = validGraphs(GRAPHS);
  const folder = mkdtempSync(join(tmpdir(), 'convstudio-onnx-random-'));

  it(`covers every node type over ${GRAPHS} graphs`, () => {
    const types = new Set(graphs.flatMap((g) => g.nodes.map((n) => n.type)));
    expect([...types].sort()).toEqual(['add', 'avgPool2d', 'batchNorm2d', 'concat', 'conv2d', 'dense', 'dropout', 'flatten', 'globalAvgPool2d', 'input', 'leakyRelu', 'locallyConnected2d', 'maxPool2d', 'relu', 'sigmoid', 'softmax', 'tanh', 'tiledConv2d']);
  });

  it('runs each in onnxruntime with the engine’s outputs', async () => {
    for (const [i, doc] of graphs.entries()) {
      const backend = createCpuBackend('float32');
      const network = Network.create(doc, analyzeGraph(doc), backend, doc.training?.seed ?? 1);
      const shape = [2, ...network.inputShape];
      const input = Float32Array.from(randomValues(shape.reduce((a, b) => a * b, 1), i + 1));
      const ours = Float32Array.from(backend.read(network.forward(backend.tensor(shape, input), false, createRandom(1)).get(network.outputId)!));
      const model = exportOnnx(doc);
      writeFileSync(join(folder, `random-${i}.onnx`), model.bytes);
      const session = await InferenceSession.create(model.bytes);
      const theirs = (await session.run({ [model.inputName]: new OrtTensor('float32', input, shape) }))[model.outputName];
      expect(relativeError(Array.from(theirs?.data as Float32Array), ours), `${doc.name}: ${JSON.stringify(doc.nodes.map((n) => [n.type, n.params ?? {}]))}`).toBeLessThan(1e-4);
    }
  }, 120_000);

  const checker = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!checker && !ORACLES_REQUIRED)('each passes onnx.checker.check_model(full_check=True)', () => {
    const script = 'import glob, sys, onnx\nfiles = sorted(glob.glob(sys.argv[1] + "/*.onnx"))\nfor f in files: onnx.checker.check_model(onnx.load(f), full_check=True)\nprint(len(files))';
    const run = spawnSync(PYTHON, ['-c', script, folder], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBe(GRAPHS);
  }, 60_000);

  it.skipIf(!torchAvailable && !ORACLES_REQUIRED)('each PyTorch project gives the engine’s logits', () => {
    const projects = graphs.map((doc, i) => {
      const project = join(folder, `pytorch-${i}`);
      mkdirSync(project);
      for (const [file, bytes] of exportPytorch(doc).files) writeFileSync(join(project, file), bytes);
      return project;
    });
    const run = spawnSync(PYTHON, ['test/oracle/check_pytorch_exports.py', ...projects], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as { relativeError: number }[];
    expect(results).toHaveLength(GRAPHS);
    results.forEach((r, i) => expect(r.relativeError, `${graphs[i]?.name}: ${JSON.stringify(graphs[i]?.nodes.map((n) => [n.type, n.params ?? {}]))}`).toBeLessThan(1e-4));
  }, 120_000);
});
