/**
 * Data sets by name. Synthetic sets are generated from a seed in code; the
 * bundled sets (MNIST, Fashion-MNIST) are decoded from resources/ by whoever
 * can read files (the CLI, the app) and passed in the same shape.
 */
import type { Dataset } from './dataset';
import { createShapesDataset } from './synthetic/shapes';

export interface SyntheticDatasetInfo {
  name: string;
  description: string;
  create(seed: number): Dataset;
}

export const SYNTHETIC_DATASETS: readonly SyntheticDatasetInfo[] = [
  { name: 'shapes', description: 'circles, squares, triangles and crosses, 28×28 gray, 6,000 + 1,000', create: (seed) => createShapesDataset(seed) },
];

export function findSyntheticDataset(name: string): SyntheticDatasetInfo | undefined {
  return SYNTHETIC_DATASETS.find((d) => d.name === name);
}
