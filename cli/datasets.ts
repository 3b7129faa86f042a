/** Finding a data set by name for `train` and `eval`. */
import type { Dataset } from '../engine/data/dataset';
import { SYNTHETIC_DATASETS, findSyntheticDataset } from '../engine/data/registry';
import { CliError } from './io';

export function availableDatasetNames(): string[] {
  return SYNTHETIC_DATASETS.map((d) => d.name);
}

export function loadDataset(name: string | undefined, seed: number): Dataset {
  if (name === undefined) throw new CliError(`no data set: pass --dataset NAME or set "training.dataset" in the document; available: ${availableDatasetNames().join(', ')}`);
  const synthetic = findSyntheticDataset(name);
  if (synthetic) return synthetic.create(seed);
  throw new CliError(`unknown data set "${name}"; available: ${availableDatasetNames().join(', ')}`);
}
