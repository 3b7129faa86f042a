/**
 * Lesson 10's "Train all three": one network, its first layer at three
 * levels of weight sharing (a convolution, a tiled convolution with 2×2
 * kernel sets, a locally-connected layer), everything else the same, trained
 * alike on an MNIST subset (or `shapes`). The table shows what each costs in
 * parameters and time and what it reaches on the test set, whatever that is.
 */
import type { TrainSettings } from '../training/protocol';
import { chainDocument, type Experiment } from './experiment';

export const SHARING_DATASETS = ['mnist', 'shapes'] as const;
export type SharingDataset = (typeof SHARING_DATASETS)[number];

/** Classes, and how many images to train and test on: a sixth of MNIST, all of shapes (6,000 + 1,000); each arm takes seconds. */
const SIZES: Record<SharingDataset, { classes: number; train: number; test: number }> = {
  mnist: { classes: 10, train: 10_000, test: 2_000 },
  shapes: { classes: 4, train: 6_000, test: 1_000 },
};

export function sharingSettings(dataset: SharingDataset): TrainSettings {
  const { train, test } = SIZES[dataset];
  return { dataset, epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', seed: 1, backend: 'cpu', trainLimit: train, testLimit: test };
}

const FIRST_LAYERS = [
  { name: 'convolution', type: 'conv2d', extra: {} },
  { name: 'tiled, 2×2 kernel sets', type: 'tiledConv2d', extra: { tiles: [2, 2] } },
  { name: 'locally connected', type: 'locallyConnected2d', extra: {} },
] as const;

export function sharingExperiment(dataset: SharingDataset): Experiment {
  return {
    settings: sharingSettings(dataset),
    arms: FIRST_LAYERS.map(({ name, type, extra }) => ({
      name,
      document: chainDocument(name, [
        { id: 'in', type: 'input', params: { shape: [1, 28, 28] } },
        { id: 'c1', type, params: { filters: 8, kernelSize: [5, 5], strides: [1, 1], padding: 'valid', ...extra } },
        { id: 'r1', type: 'relu' },
        { id: 'p1', type: 'maxPool2d', params: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
        { id: 'f', type: 'flatten' },
        { id: 'd', type: 'dense', params: { units: SIZES[dataset].classes } },
        { id: 'out', type: 'softmax' },
      ]),
    })),
  };
}
