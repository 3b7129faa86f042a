/** Finding a data set by name (bundled, synthetic) or folder path, for `train`, `eval` and `datasets`. */
import type { GraphAnalysis } from '../engine';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { BUNDLED_DATASETS, BUNDLED_FILES, decodeBundledDataset, findBundledDataset, type BundledFiles } from '../engine/data/bundled';
import type { Dataset } from '../engine/data/dataset';
import { SYNTHETIC_DATASETS, findSyntheticDataset } from '../engine/data/registry';
import { CliError, type CliOutput } from './io';
import { importFolderDataset } from './folderDataset';

/** resources/datasets/, next to the bundled CLI in dist/cli/. */
const DATASETS_DIR = new URL('../../resources/datasets/', import.meta.url);

export function availableDatasetNames(): string[] {
  return [...BUNDLED_DATASETS.map((d) => d.name), ...SYNTHETIC_DATASETS.map((d) => d.name)];
}

export function loadBundledDataset(name: string): Dataset {
  const info = findBundledDataset(name);
  if (!info) throw new CliError(`unknown bundled data set "${name}"`);
  const files = Object.fromEntries(
    Object.entries(BUNDLED_FILES).map(([key, file]) => {
      const url = new URL(`${info.folder}/${file}`, DATASETS_DIR);
      if (!existsSync(url)) throw new CliError(`the ${name} data set is missing its file ${url.pathname}; reinstall, or run node scripts/build-datasets.mjs`);
      return [key, new Uint8Array(readFileSync(url))];
    }),
  ) as BundledFiles;
  try {
    return decodeBundledDataset(info, files);
  } catch (e) {
    throw new CliError(`the ${name} data set is damaged: ${(e as Error).message}; run node scripts/build-datasets.mjs`);
  }
}

export interface DatasetRequest {
  seed: number;
  /** For a folder: the size to scale images to and whether to keep colour (default 28×28 gray). */
  height?: number;
  width?: number;
  color?: boolean;
  testFraction?: number;
}

export async function loadDataset(name: string | undefined, request: DatasetRequest, io: CliOutput): Promise<Dataset> {
  if (name === undefined) throw new CliError(`no data set: pass --dataset NAME or set "training.dataset" in the document; available: ${availableDatasetNames().join(', ')}, or a folder of images`);
  if (findBundledDataset(name)) return loadBundledDataset(name);
  const synthetic = findSyntheticDataset(name);
  if (synthetic) return synthetic.create(request.seed, synthetic.basedOn ? loadBundledDataset(synthetic.basedOn) : undefined);
  if (existsSync(name) && statSync(name).isDirectory()) return importFolderDataset(name, request, io);
  throw new CliError(`unknown data set "${name}"; available: ${availableDatasetNames().join(', ')}, or the path of a folder of images (one subfolder per class)`);
}

/** A folder of images is scaled to what the input node takes: its height, width, and colour when it has three channels. */
export function folderImageShape(analysis: GraphAnalysis): { height?: number; width?: number; color?: boolean } {
  const shape = analysis.infoOf.get(analysis.topology.inputId ?? '')?.outputShape ?? [];
  const [channels, height, width] = shape;
  return shape.length === 3 && height !== undefined && width !== undefined ? { height, width, color: channels === 3 } : {};
}
