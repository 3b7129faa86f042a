/**
 * Lesson 5's experiment: the same small network with and without max
 * pooling, trained alike on `shifted-digits` (its test digits sit 3 to 5
 * pixels further off centre than its training digits), and their test
 * accuracies side by side. Both keep two 3×3 convolutions and one dense
 * layer; "without" simply leaves the two 2×2 poolings out (its dense layer
 * then reads 16×28×28 values instead of 16×7×7). Whatever the numbers turn
 * out to be, they are the ones shown.
 */
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { limitDataset, type Dataset } from '../data/dataset';
import { analyzeGraph } from '../graph/analyze';
import type { GraphDocument } from '../graph/schema';
import { Network } from '../network/network';
import { evaluate } from '../training/evaluate';
import { resolveOptimizer } from '../training/optimizer';
import type { TrainSettings } from '../training/protocol';
import { TrainingRun } from '../training/trainer';

export const EXPERIMENT_SETTINGS: TrainSettings = {
  dataset: 'shifted-digits', epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', seed: 1, backend: 'cpu', trainLimit: 20000, testLimit: 2000,
};

export type ExperimentArm = 'with pooling' | 'without pooling';

export function experimentNetwork(pooling: boolean): GraphDocument {
  const layers: { id: string; type: string; params?: Record<string, unknown> }[] = [
    { id: 'in', type: 'input', params: { shape: [1, 28, 28] } },
    { id: 'c1', type: 'conv2d', params: { filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'same' } },
    { id: 'r1', type: 'relu' },
    ...(pooling ? [{ id: 'p1', type: 'maxPool2d', params: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } }] : []),
    { id: 'c2', type: 'conv2d', params: { filters: 16, kernelSize: [3, 3], strides: [1, 1], padding: 'same' } },
    { id: 'r2', type: 'relu' },
    ...(pooling ? [{ id: 'p2', type: 'maxPool2d', params: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } }] : []),
    { id: 'f', type: 'flatten' },
    { id: 'd', type: 'dense', params: { units: 10 } },
    { id: 'out', type: 'softmax' },
  ];
  const document = {
    format: 'convstudio-graph', version: 1, name: pooling ? 'with pooling' : 'without pooling',
    nodes: layers, edges: layers.slice(1).map((layer, i) => ({ from: layers[i]!.id, to: layer.id })),
  } as unknown as GraphDocument;
  const problem = analyzeGraph(document).problems.find((p) => p.severity === 'error');
  if (problem) throw new Error(`the experiment's network is wrong: ${problem.message}`);
  return document;
}

export interface ArmResult {
  arm: ExperimentArm;
  parameters: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
}

/** Trains one arm with the engine's own TrainingRun on the CPU reference backend (the command line's path; the app runs the same in its worker). */
export async function trainArm(pooling: boolean, dataset: Dataset, onProgress: (step: number, total: number) => void = () => {}): Promise<ArmResult> {
  const document = experimentNetwork(pooling);
  const analysis = analyzeGraph(document);
  const settings = EXPERIMENT_SETTINGS;
  const limited = limitDataset(dataset, settings.trainLimit, settings.testLimit);
  const network = Network.create(document, analysis, createCpuBackend(), settings.seed);
  const run = new TrainingRun(network, limited, {
    epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed,
    optimizer: resolveOptimizer(undefined, { name: settings.optimizer, learningRate: settings.learningRate }),
  });
  for await (const event of run.events()) {
    if (event.event === 'progress') onProgress(event.step, event.totalSteps);
    if (event.event === 'error') throw new Error(event.message);
    if (event.event === 'done') {
      const test = run.lastTestEvaluation ?? evaluate(network, limited, limited.test);
      return { arm: pooling ? 'with pooling' : 'without pooling', parameters: parametersOf(document), trainAccuracy: event.trainAccuracy, testAccuracy: test.accuracy, seconds: event.seconds };
    }
  }
  throw new Error('the run ended without a result');
}

export function parametersOf(document: GraphDocument): number {
  let total = 0;
  for (const info of analyzeGraph(document).infoOf.values()) total += info.params;
  return total;
}
