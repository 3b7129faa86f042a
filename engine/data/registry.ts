/**
 * Data sets by name. Synthetic sets are generated from a seed in code; the
 * bundled sets (MNIST, Fashion-MNIST) are decoded from resources/ by whoever
 * can read files (the CLI, the app) and passed in the same shape. A synthetic
 * set built from a bundled one names it in `basedOn`.
 */
import { BUNDLED_DATASETS, type BundledDatasetInfo } from './bundled';
import type { Dataset } from './dataset';
import { createColoredShapesDataset } from './synthetic/coloredShapes';
import { createShapesDataset } from './synthetic/shapes';
import { createShiftedDigitsDataset } from './synthetic/shiftedDigits';

export interface SyntheticDatasetInfo {
  name: string;
  description: string;
  /** A bundled set this one is derived from; the host loads it and passes it to create. */
  basedOn?: string;
  create(seed: number, base?: Dataset): Dataset;
}

export const SYNTHETIC_DATASETS: readonly SyntheticDatasetInfo[] = [
  {
    name: 'shapes',
    description: 'circles, squares, triangles and crosses at random places and sizes, 1×28×28, 6,000 + 1,000',
    create: (seed) => createShapesDataset(seed),
  },
  {
    name: 'colored-shapes',
    description: 'red, green and blue circles, squares and triangles (nine classes), 3×28×28, 9,000 + 1,800',
    create: (seed) => createColoredShapesDataset(seed),
  },
  {
    name: 'shifted-digits',
    description: 'MNIST, test digits shifted 3-5 pixels further than training digits, 1×28×28, 60,000 + 10,000',
    basedOn: 'mnist',
    create(seed, base) {
      if (!base) throw new Error('shifted-digits is built from MNIST, which was not given');
      return createShiftedDigitsDataset(base, seed);
    },
  },
];

export function findSyntheticDataset(name: string): SyntheticDatasetInfo | undefined {
  return SYNTHETIC_DATASETS.find((d) => d.name === name);
}

export function bundledDatasetNames(): string[] {
  return BUNDLED_DATASETS.map((d: BundledDatasetInfo) => d.name);
}
