/**
 * The app's data sets by name, fetched from its datasets/ folder (same
 * origin, in the page or a worker): the bundled ones as shipped, the
 * synthetic ones built from their seed (and the bundled set they derive
 * from). A folder of the user's own images is not here: the page keeps
 * those only while the Train view holds them.
 */
import { BUNDLED_FILES, decodeBundledDataset, findBundledDataset, type BundledFiles } from '../../engine/data/bundled';
import type { Dataset } from '../../engine/data/dataset';
import { findSyntheticDataset } from '../../engine/data/registry';

export async function fetchBundledDataset(name: string): Promise<Dataset> {
  const info = findBundledDataset(name);
  if (!info) throw new Error(`unknown data set "${name}"`);
  const entries = await Promise.all(
    Object.entries(BUNDLED_FILES).map(async ([key, file]) => {
      const response = await fetch(new URL(`datasets/${info.folder}/${file}`, self.location.origin + '/'));
      if (!response.ok) throw new Error(`cannot load ${file} of ${name} (${response.status})`);
      return [key, new Uint8Array(await response.arrayBuffer())] as const;
    }),
  );
  return decodeBundledDataset(info, Object.fromEntries(entries) as BundledFiles);
}

/** A bundled or synthetic data set; undefined for any other name (a folder's). */
export async function fetchAppDataset(name: string, seed: number): Promise<Dataset | undefined> {
  const synthetic = findSyntheticDataset(name);
  if (synthetic) return synthetic.create(seed, synthetic.basedOn ? await fetchBundledDataset(synthetic.basedOn) : undefined);
  return findBundledDataset(name) ? fetchBundledDataset(name) : undefined;
}
