/**
 * Lesson 5's experiment: the same small network with and without max
 * pooling, trained alike on `shifted-digits` (its training digits move at
 * most 1 pixel from the centre, its test digits 3 to 5 pixels on each axis), and their test
 * accuracies side by side. Both keep two 3×3 convolutions and one dense
 * layer; "without" simply leaves the two 2×2 poolings out (its dense layer
 * then reads 16×28×28 values instead of 16×7×7). Whatever the numbers turn
 * out to be, they are the ones shown.
 */
import type { TrainSettings } from '../training/protocol';
import { chainDocument, type Experiment } from './experiment';

export const POOLING_SETTINGS: TrainSettings = {
  dataset: 'shifted-digits', epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', seed: 1, backend: 'cpu', trainLimit: 12000, testLimit: 1000,
};

function network(pooling: boolean) {
  const pool = (id: string) => (pooling ? [{ id, type: 'maxPool2d', params: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } }] : []);
  return chainDocument(pooling ? 'with pooling' : 'without pooling', [
    { id: 'in', type: 'input', params: { shape: [1, 28, 28] } },
    { id: 'c1', type: 'conv2d', params: { filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'same' } },
    { id: 'r1', type: 'relu' },
    ...pool('p1'),
    { id: 'c2', type: 'conv2d', params: { filters: 16, kernelSize: [3, 3], strides: [1, 1], padding: 'same' } },
    { id: 'r2', type: 'relu' },
    ...pool('p2'),
    { id: 'f', type: 'flatten' },
    { id: 'd', type: 'dense', params: { units: 10 } },
    { id: 'out', type: 'softmax' },
  ]);
}

export function poolingExperiment(): Experiment {
  return { settings: POOLING_SETTINGS, arms: [true, false].map((pooling) => ({ name: pooling ? 'with pooling' : 'without pooling', document: network(pooling) })) };
}
