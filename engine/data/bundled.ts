/**
 * The data sets shipped in resources/datasets/: four gzipped IDX files each.
 * Reading the files is the host's job (Node's fs, the app's bridge); this
 * turns their bytes into a Dataset, the same everywhere.
 */
import { gunzipSync } from 'fflate';
import type { Dataset, DataSplit } from './dataset';
import { parseIdx } from './idx';

export const BUNDLED_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export type BundledFiles = Record<keyof typeof BUNDLED_FILES, Uint8Array>;

export interface BundledDatasetInfo {
  name: string;
  /** Folder under resources/datasets/. */
  folder: string;
  description: string;
  classNames: readonly string[];
  /** Mean and standard deviation of the training pixels (0-1 scale). */
  normalization: { mean: number; std: number };
}

export const BUNDLED_DATASETS: readonly BundledDatasetInfo[] = [
  {
    name: 'mnist',
    folder: 'mnist',
    description: 'handwritten digits 0-9 (LeCun et al.)',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    normalization: { mean: 0.1307, std: 0.3081 },
  },
  {
    name: 'fashion-mnist',
    folder: 'fashion-mnist',
    description: 'Zalando clothing and shoes in ten classes (Xiao et al.)',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    normalization: { mean: 0.286, std: 0.353 },
  },
];

export function findBundledDataset(name: string): BundledDatasetInfo | undefined {
  return BUNDLED_DATASETS.find((d) => d.name === name);
}

export function decodeBundledDataset(info: BundledDatasetInfo, files: BundledFiles): Dataset {
  const split = (images: Uint8Array, labels: Uint8Array, which: string): DataSplit => {
    const x = parseIdx(gunzipSync(images), `${info.name} ${which} images`);
    const y = parseIdx(gunzipSync(labels), `${info.name} ${which} labels`);
    const [count = 0, rows, cols] = x.dims;
    if (x.dims.length !== 3 || rows !== 28 || cols !== 28) throw new Error(`${info.name} ${which} images: expected count×28×28, found ${x.dims.join('×')}`);
    if (y.dims.length !== 1 || y.dims[0] !== count) throw new Error(`${info.name} ${which}: ${count} images but ${y.dims[0]} labels`);
    const bad = y.data.findIndex((label) => label >= info.classNames.length);
    if (bad >= 0) throw new Error(`${info.name} ${which} label ${bad} is ${y.data[bad]}, not a class`);
    return { count, images: x.data, labels: y.data };
  };
  return {
    name: info.name,
    description: info.description,
    inputShape: [1, 28, 28],
    classNames: info.classNames,
    train: split(files.trainImages, files.trainLabels, 'training'),
    test: split(files.testImages, files.testLabels, 'test'),
    normalization: info.normalization,
  };
}
