/**
 * Lesson 5's experiment: the same small network with and without max
 * pooling, trained alike on `shifted-digits` (its training digits move at
 * most 1 pixel from the centre, its test digits 3 to 5 pixels on each axis), and their test
 * accuracies side by side. Both keep two 3×3 convolutions and one dense
 * layer; "without" simply leaves the two 2×2 poolings out (its dense layer
 * then reads 16×28×28 values instead of 16×7×7). Whatever the numbers turn
 * out to be, they are the ones shown.
 */
import { analyzeGraph } from '../graph/analyze';
import type { GraphDocument } from '../graph/schema';
import type { TrainSettings } from '../training/protocol';

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

export function parametersOf(document: GraphDocument): number {
  let total = 0;
  for (const info of analyzeGraph(document).infoOf.values()) total += info.params;
  return total;
}
