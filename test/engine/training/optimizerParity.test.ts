/** SGD, momentum, Nesterov and Adam, with and without weight decay, against torch.optim on the same gradients. */
import { spawnSync } from 'node:child_process';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../../helpers/oracles';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import type { Parameter } from '../../../engine/network/layer';
import { Optimizer, resolveOptimizer, type OptimizerSettings } from '../../../engine/training/optimizer';
import { randomValues } from '../../helpers/network';


const SETTINGS: [string, OptimizerSettings][] = [
  ['sgd', resolveOptimizer({ type: 'sgd', learningRate: 0.1 })],
  ['sgd + weight decay', resolveOptimizer({ type: 'sgd', learningRate: 0.1, weightDecay: 0.01 })],
  ['momentum', resolveOptimizer({ type: 'sgd', learningRate: 0.05, momentum: 0.9 })],
  ['nesterov + weight decay', resolveOptimizer({ type: 'sgd', learningRate: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.001 })],
  ['adam', resolveOptimizer({ type: 'adam', learningRate: 0.01 })],
  ['adam, own betas + weight decay', resolveOptimizer({ type: 'adam', learningRate: 0.003, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.01 })],
];
const STEPS = 6;
const SIZE = 7;

describe.skipIf(!torchAvailable && !ORACLES_REQUIRED)('optimizers against torch.optim', () => {
  const jobs = SETTINGS.map(([, settings], k) => ({
    settings,
    initial: Array.from(randomValues(SIZE, k + 1)),
    grads: Array.from({ length: STEPS }, (_, s) => Array.from(randomValues(SIZE, 100 * k + s + 7))),
  }));
  const run = torchAvailable || ORACLES_REQUIRED
    ? spawnSync(PYTHON, ['test/oracle/torch_optimizers.py'], { input: JSON.stringify(jobs), encoding: 'utf8' })
    : undefined;

  it.each(SETTINGS.map(([name], k) => [name, k] as const))('%s', (_name, k) => {
    expect(run?.status, run?.stderr).toBe(0);
    const reference = (JSON.parse(run?.stdout ?? '[]') as number[][][])[k] ?? [];
    const job = jobs[k];
    if (!job) throw new Error('no job');
    const backend = createCpuBackend('float64');
    const param: Parameter = { name: 'weight', value: backend.tensor([SIZE], job.initial), trainable: true };
    const optimizer = new Optimizer(backend, [{ nodeId: 'x', param }], job.settings);
    job.grads.forEach((grad, step) => {
      param.grad = backend.tensor([SIZE], grad);
      optimizer.step();
      const ours = Array.from(backend.read(param.value));
      ours.forEach((v, i) => expect(v, `step ${step + 1}, value ${i}`).toBeCloseTo(reference[step]?.[i] ?? NaN, 12));
    });
  });

  it('momentum is what --optimizer momentum picks', () => {
    expect(resolveOptimizer(undefined, { name: 'momentum' })).toMatchObject({ type: 'sgd', momentum: 0.9, learningRate: 0.01 });
    expect(resolveOptimizer(undefined)).toMatchObject({ type: 'adam', learningRate: 0.001 });
    expect(resolveOptimizer({ type: 'adam', learningRate: 0.01 }, { learningRate: 0.5 })).toMatchObject({ type: 'adam', learningRate: 0.5 });
  });
});
