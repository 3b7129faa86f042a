/**
 * batchNorm2d against PyTorch's F.batch_norm, both in float64: a network with
 * two batch norms (one with its own momentum and epsilon) trained ten SGD
 * steps; the first step's outputs and gradients (training mode, batch
 * statistics), every weight and running statistic after the tenth, and the
 * outputs in evaluation mode (running statistics) all agree.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import type { Tensor } from '../../../engine/backend/backend';
import { createRandom } from '../../../engine/network/random';
import { lossAndGradients } from '../../../engine/training/lossAndGradients';
import { Optimizer, resolveOptimizer } from '../../../engine/training/optimizer';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../../helpers/oracles';
import { chainDocument } from '../../helpers/graphs';
import { buildNetwork, randomValues } from '../../helpers/network';
import { relativeError } from '../../helpers/parityCases';

const doc = chainDocument([3, 6, 5], [
  { id: 'c1', type: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same' } },
  { id: 'bn1', type: 'batchNorm2d', params: { momentum: 0.3, epsilon: 0.001 } },
  { id: 'r1', type: 'relu' },
  { id: 'c2', type: 'conv2d', params: { filters: 3, kernelSize: 2, useBias: false } },
  { id: 'bn2', type: 'batchNorm2d' },
  { id: 'f', type: 'flatten' },
  { id: 'd', type: 'dense', params: { units: 3 } },
  { id: 's', type: 'softmax' },
]);
const STEPS = 10;
const BATCH = 4;
const LEARNING_RATE = 0.1;

interface Oracle {
  first: { loss: number; outputs: Record<string, number[]>; grads: Record<string, Record<string, number[]>>; inputGrad: number[] };
  after: Record<string, Record<string, number[]>>;
  evalOutputs: Record<string, number[]>;
}

function engineRun() {
  const backend = createCpuBackend('float64');
  const network = buildNetwork(doc, backend, 4);
  const job = { document: network.writeWeights(doc), learningRate: LEARNING_RATE, batches: [] as unknown[], evalBatch: {} as unknown };
  const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'sgd', learningRate: LEARNING_RATE }));
  const shape = [BATCH, ...network.inputShape];
  const size = BATCH * network.inputShape.reduce((a, b) => a * b, 1);
  const read = (t: Tensor) => Array.from(backend.read(t));
  let first: Oracle['first'] | undefined;
  for (let step = 0; step < STEPS; step++) {
    const data = Array.from(randomValues(size, 100 + step), Math.fround);
    const labels = Array.from({ length: BATCH }, (_, i) => (i + step) % 3);
    job.batches.push({ shape, data, labels });
    const x = backend.tensor(shape, data);
    const pass = lossAndGradients(network, x, Int32Array.from(labels), createRandom(1), { inputGradient: true });
    if (!first) {
      const grads: Oracle['first']['grads'] = {};
      for (const { nodeId, param } of network.parameters) if (param.grad) grads[nodeId] = { ...grads[nodeId], [param.name]: read(param.grad) };
      first = { loss: pass.loss, outputs: Object.fromEntries([...pass.outputs].filter(([id]) => id !== 'in').map(([id, t]) => [id, read(t)])), grads, inputGrad: read(pass.inputGrad as Tensor) };
    }
    optimizer.step();
    network.release(pass.outputs);
  }
  const after: Oracle['after'] = {};
  for (const { nodeId, param } of network.parameters) after[nodeId] = { ...after[nodeId], [param.name]: read(param.value) };
  const evalData = Array.from(randomValues(size, 7), Math.fround);
  job.evalBatch = { shape, data: evalData };
  const evaluation = network.forward(backend.tensor(shape, evalData), false, createRandom(1));
  const evalOutputs = Object.fromEntries([...evaluation].filter(([id]) => id !== 'in').map(([id, t]) => [id, read(t)]));
  return { job, ours: { first: first as Oracle['first'], after, evalOutputs } };
}

describe.skipIf(!torchAvailable && !ORACLES_REQUIRED)('batchNorm2d against PyTorch (float64)', () => {
  const { job, ours } = engineRun();
  let torch: Oracle;
  beforeAll(() => {
    const run = spawnSync(PYTHON, ['test/oracle/torch_batchnorm.py'], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`torch_batchnorm.py failed: ${run.stderr}`);
    torch = JSON.parse(run.stdout) as Oracle;
  }, 60_000);

  it('training mode: every output, the loss, every weight gradient and the input gradient of the first step', () => {
    for (const [id, values] of Object.entries(ours.first.outputs)) expect(relativeError(values, torch.first.outputs[id] ?? []), `output of ${id}`).toBeLessThan(1e-10);
    expect(Math.abs(ours.first.loss - torch.first.loss)).toBeLessThan(1e-12);
    expect(Object.keys(ours.first.grads.bn1 ?? {}).sort()).toEqual(['bias', 'weight']);
    for (const [id, grads] of Object.entries(torch.first.grads)) {
      for (const [name, values] of Object.entries(grads)) expect(relativeError(ours.first.grads[id]?.[name] ?? [], values), `gradient of ${id}.${name}`).toBeLessThan(1e-9);
    }
    expect(relativeError(ours.first.inputGrad, torch.first.inputGrad), 'gradient of the input').toBeLessThan(1e-9);
  });

  it(`running statistics and weights after ${STEPS} steps`, () => {
    for (const id of ['bn1', 'bn2']) {
      for (const name of ['runningMean', 'runningVar', 'weight', 'bias']) {
        const theirs = torch.after[id]?.[name] ?? [];
        expect(theirs.length, `${id}.${name}`).toBeGreaterThan(0);
        expect(relativeError(ours.after[id]?.[name] ?? [], theirs), `${id}.${name}`).toBeLessThan(1e-9);
      }
    }
    // The statistics moved: these are not the starting zeros and ones.
    expect(ours.after.bn1?.runningMean?.some((v) => Math.abs(v) > 1e-3)).toBe(true);
  });

  it('evaluation mode uses the running statistics', () => {
    for (const [id, values] of Object.entries(ours.evalOutputs)) expect(relativeError(values, torch.evalOutputs[id] ?? []), `output of ${id}`).toBeLessThan(1e-9);
  });
});
