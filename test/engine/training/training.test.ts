import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../engine';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { createShapesDataset } from '../../../engine/data/synthetic/shapes';
import { resolveOptimizer } from '../../../engine/training/optimizer';
import { TrainingRun, type TrainEvent, type TrainOptions } from '../../../engine/training/trainer';
import { chainDocument } from '../../helpers/graphs';
import { buildNetwork } from '../../helpers/network';

const lenet10 = JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument;
/** LeNet-5 with four outputs, for the four shapes. */
const lenet: GraphDocument = {
  ...lenet10,
  nodes: lenet10.nodes.map((n) => (n.id === 'd3' && n.type === 'dense' ? { ...n, params: { ...n.params, units: 4 } } : n)),
};
const shapes = createShapesDataset(1, 2000, 500);
const options: TrainOptions = { epochs: 1, batchSize: 32, maxSteps: 60, optimizer: resolveOptimizer({ type: 'adam', learningRate: 0.002 }), seed: 5, progressIntervalMs: 0 };

async function collect(run: TrainingRun, onEvent?: (e: TrainEvent) => void): Promise<TrainEvent[]> {
  const events: TrainEvent[] = [];
  for await (const e of run.events()) {
    events.push(e);
    onEvent?.(e);
  }
  return events;
}

function train(doc: GraphDocument, opts: TrainOptions = options) {
  return new TrainingRun(buildNetwork(doc, createCpuBackend('float32'), opts.seed), shapes, opts);
}

describe('training LeNet-5 on the synthetic shapes', () => {
  it('learns, and the same seed gives the same losses bit for bit', async () => {
    const first = await collect(train(lenet));
    const second = await collect(train(lenet));
    const losses = (events: TrainEvent[]) => events.flatMap((e) => (e.event === 'progress' ? [e.loss] : []));
    expect(losses(first)).toHaveLength(60);
    expect(losses(first)).toEqual(losses(second));
    const progress = first.filter((e) => e.event === 'progress');
    const early = progress[4];
    const late = progress[progress.length - 1];
    expect(early?.event === 'progress' && late?.event === 'progress' && late.loss < early.loss).toBe(true);
    const done = first[first.length - 1];
    expect(done).toMatchObject({ event: 'done', steps: 60, stopped: false, backend: 'cpu' });
    // Four classes: chance is 25%.
    expect(done?.event === 'done' && done.testAccuracy).toBeGreaterThan(0.6);
  }, 120_000);

  it('writes the trained weights back into the document', async () => {
    const run = train(lenet, { ...options, maxSteps: 2 });
    await collect(run);
    const trained = run.trainedDocument(lenet);
    expect(Object.keys(trained.weights ?? {}).sort()).toEqual(['c1', 'c2', 'd1', 'd2', 'd3']);
    expect(trained.weights?.['c1']?.['weight']?.shape).toEqual([6, 1, 5, 5]);
  });

  it('pauses, resumes and stops between steps', async () => {
    const run = train(lenet, { ...options, maxSteps: 1000 });
    const seen: number[] = [];
    const events = await collect(run, (e) => {
      if (e.event !== 'progress') return;
      seen.push(e.step);
      if (e.step === 3) {
        run.pause();
        setTimeout(() => run.resume(), 50);
      }
      if (e.step === 6) run.stop();
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[events.length - 1]).toMatchObject({ event: 'done', steps: 6, stopped: true });
  });

  it('keeps fixed weights fixed', async () => {
    const doc = chainDocument([1, 28, 28], [
      { id: 'edges', type: 'conv2d', params: { filters: 1, kernelSize: 3, useBias: false, trainable: false } },
      { type: 'dense', params: { units: 4 } }, { type: 'softmax' },
    ]);
    const kernel = [-1, -1, -1, -1, 8, -1, -1, -1, -1];
    const run = train({ ...doc, weights: { edges: { weight: { shape: [1, 1, 3, 3], data: kernel } } } }, { ...options, maxSteps: 5 });
    await collect(run);
    const weights = run.network.parameters.find((p) => p.nodeId === 'edges')?.param.value;
    expect(weights && Array.from(run.network.backend.read(weights))).toEqual(kernel);
  });
});

describe('a network that does not fit the data set', () => {
  it('is refused with what to change', () => {
    expect(() => train(lenet10)).toThrow("the network's output has 10 classes but the shapes data set has 4; give the layer before the softmax 4 units");
    const wide = chainDocument([1, 32, 32], [{ type: 'dense', params: { units: 4 } }, { type: 'softmax' }]);
    expect(() => train(wide)).toThrow('the input node takes 1×32×32 images but the shapes data set has 1×28×28');
  });
});

describe('divergence', () => {
  it('stops with an error naming the step and the first node with non-finite values', async () => {
    const doc = chainDocument([1, 28, 28], [
      { id: 'c1', type: 'conv2d', params: { filters: 1, kernelSize: 3 } }, { id: 'r1', type: 'relu' },
      { type: 'dense', params: { units: 4 } }, { type: 'softmax' },
    ]);
    const huge = { ...doc, weights: { c1: { weight: { shape: [1, 1, 3, 3], data: new Array(9).fill(3e38) } } } };
    const events = await collect(train(huge));
    expect(events).toEqual([expect.objectContaining({ event: 'error', step: 1, nodeId: 'c1', message: expect.stringContaining('node "c1"') })]);
  });
});
