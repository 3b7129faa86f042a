/**
 * File > Export PyTorch Project…: the open graph as the CLI's PyTorch
 * project (`convstudio export --format pytorch`: model.py, the weights,
 * check.py, train.py with its data set in data/, README.md), zipped into one
 * folder and saved through the platform bridge. A graph with problems is
 * refused with the problems listed; the notice says what was written and how
 * to run it.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Dataset } from '../../engine/data/dataset';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { projectData } from '../../engine/export/pytorch/projectData';
import type { DocumentStore } from '../store/documentStore';
import { defaultSettings } from '../training/settingsStore';
import type { PlatformBridge } from './bridge';
import { fetchAppDataset } from './bundledDatasets';
import { refuseGraphWithProblems } from './exportModel';

export type DatasetSource = (name: string, seed: number) => Promise<Dataset | undefined>;

const megabytes = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** A folder name from the document's file name: letters, digits, - and _ only, so every shell takes it unquoted. */
function folderName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'convstudio-model';
}

export async function exportPytorchWithBridge(store: DocumentStore, bridge: PlatformBridge, datasets: DatasetSource = fetchAppDataset): Promise<void> {
  if (refuseGraphWithProblems(store)) return undefined;
  const { document, fileName } = store.getState();
  // The data set train.py trains on: the one the Train view starts with for this document.
  const { dataset: datasetName, seed } = defaultSettings(document);
  store.notify({ kind: 'info', text: `Exporting the PyTorch project with ${datasetName}…` });
  let zip: Uint8Array;
  let withoutData = '';
  let files: string[];
  const folder = folderName(fileName);
  try {
    const dataset = await datasets(datasetName, seed);
    if (!dataset) withoutData = `\nNo train.py: the app cannot re-read the folder "${datasetName}"; export from the command line (convstudio export … --format pytorch) to train on it.`;
    const data = dataset && projectData(dataset);
    const project = exportPytorch(document, data?.data);
    const entries: Zippable = {};
    for (const [name, bytes] of project.files) entries[`${folder}/${name}`] = bytes;
    // The IDX files are gzipped already: stored as they are, not deflated again.
    for (const [name, bytes] of data?.bytes ?? []) entries[`${folder}/data/${name}`] = [bytes, { level: 0 }];
    zip = zipSync(entries, { level: 6 });
    files = [...project.files.keys(), ...(data ? ['data/'] : [])];
  } catch (error) {
    return store.notify({ kind: 'error', text: `Not exported: ${(error as Error).message}` });
  }
  try {
    const saved = await bridge.exportFile({ suggestedName: `${folder}-pytorch.zip`, kind: 'zip', bytes: zip });
    if (!saved) return store.notify(undefined);
    const train = withoutData === '' ? `; python ${folder}/train.py trains it as the app does (torchrun --nproc_per_node=N for N processes, see its README.md)` : '';
    return store.notify({
      kind: 'info',
      text: `Exported ${saved.name} (PyTorch project ${folder}/, ${megabytes(zip.length)}: ${files.join(', ')}).\nRun it: unzip ${saved.name}, then python ${folder}/check.py compares PyTorch with ConvStudio${train}.${withoutData}`,
    });
  } catch (error) {
    return store.notify({ kind: 'error', text: `Not exported: ${(error as Error).message}` });
  }
}
