/**
 * The Toeplitz lesson's step-through of one training step: its gradients are
 * those `convstudio gradients` prints for the same tiny network, batch and
 * seed, and its update is one SGD step of the engine's optimizer (checked
 * against θ − η·g written out here, and against the training loop's own step).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { analyzeGraph } from '../../engine/graph/analyze';
import { stepBatch, stepNetwork, type StepThroughResult } from '../../engine/lessons/stepThrough';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { Optimizer, resolveOptimizer } from '../../engine/training/optimizer';
import { trainingStep } from '../../engine/training/trainingStep';
import { convstudio } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'convstudio-step-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe.each([{ seed: 1, rate: 0.1 }, { seed: 7, rate: 0.5 }])('the step-through with seed $seed, learning rate $rate', ({ seed, rate }) => {
  const run = convstudio('lesson', 'toeplitz', '--seed', String(seed), '--rate', String(rate), '--json');
  const step = (JSON.parse(run.stdout) as { stepThrough: StepThroughResult }).stepThrough;

  it('shows every operation, forward then backward, then the update', () => {
    expect(run.code).toBe(0);
    expect(step.steps.map((s) => `${s.phase} ${s.nodeId ?? ''}`.trim())).toEqual([
      'forward in', 'forward conv', 'forward relu', 'forward pool', 'forward flat', 'forward dense', 'forward out', 'loss',
      'backward out', 'backward dense', 'backward flat', 'backward pool', 'backward relu', 'backward conv', 'update',
    ]);
  });

  it('has the gradients `convstudio gradients` prints for the same network, batch and seed', () => {
    const file = write(`net-${seed}.json`, step.document);
    const input = write(`x-${seed}.json`, step.input);
    const labels = write(`y-${seed}.json`, { labels: step.labels });
    const cli = convstudio('gradients', file, '--input', input, '--labels', labels, '--seed', String(seed), '--json');
    expect(cli.code).toBe(0);
    const want = JSON.parse(cli.stdout) as { loss: number; params: StepThroughResult['gradients']; input: { data: number[] } };
    expect(step.loss).toBeCloseTo(want.loss, 6);
    expect(Object.keys(step.gradients)).toEqual(['conv', 'dense']);
    for (const [node, tensors] of Object.entries(want.params)) {
      for (const [name, t] of Object.entries(tensors)) {
        expect(step.gradients[node]?.[name]?.shape).toEqual(t.shape);
        expect(largestDifference(step.gradients[node]![name]!.data, t.data)).toBeLessThan(1e-6);
      }
    }
    expect(largestDifference(step.inputGradient.data, want.input.data)).toBeLessThan(1e-6);
    // The backward steps show the same numbers the summary holds.
    const convStep = step.steps.find((s) => s.phase === 'backward' && s.nodeId === 'conv')!;
    expect(convStep.tensors.find((t) => t.label.includes('conv.weight'))!.data).toEqual(step.gradients['conv']!['weight']!.data);
  });

  it('ends with one SGD step: θ − η·∂L/∂θ, as the training loop takes it', () => {
    for (const [node, tensors] of Object.entries(step.before)) {
      for (const [name, values] of Object.entries(tensors)) {
        const grad = step.gradients[node]![name]!.data;
        const expected = values.map((v, i) => Math.fround(v - Math.fround(rate * grad[i]!)));
        expect(largestDifference(step.after[node]![name]!, expected)).toBeLessThan(1e-6);
        expect(step.after[node]![name]).not.toEqual(values);
      }
    }
    // The engine's training step on a fresh network with the same seed lands on the same weights.
    const network = Network.create(stepNetwork(), analyzeGraph(stepNetwork()), createCpuBackend(), seed);
    const optimizer = new Optimizer(network.backend, network.parameters, resolveOptimizer({ type: 'sgd', learningRate: rate }, { name: 'sgd' }));
    const batch = stepBatch();
    trainingStep(network, optimizer, { x: batch.data, labels: batch.labels, count: 2 }, createRandom(seed))();
    for (const { nodeId, param } of network.parameters) {
      expect(largestDifference(Array.from(network.backend.read(param.value)), step.after[nodeId]![param.name]!)).toBeLessThan(1e-7);
    }
    expect(step.lossAfter).toBeLessThan(step.loss);
  });
});

function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs((a[i] as number) - (b[i] as number)));
  return largest;
}
