/**
 * The engine in a Web Worker: the training session (engine/training/session.ts)
 * with the browser's postMessage, the app's bundled data sets fetched from its
 * datasets/ folder, and the worker's backends. The canvas never waits on
 * training.
 */
import { BUNDLED_FILES, decodeBundledDataset, findBundledDataset, type BundledFiles } from '../../engine/data/bundled';
import type { Dataset } from '../../engine/data/dataset';
import type { WorkerMessage } from '../../engine/training/protocol';
import { TrainingSession } from '../../engine/training/session';
import { resolveWorkerBackend } from './workerBackend';

const scope = self as unknown as { postMessage(message: WorkerMessage, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

async function fetchBundled(name: string): Promise<Dataset> {
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

const session = new TrainingSession({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  loadBundled: fetchBundled,
  chooseBackend: resolveWorkerBackend,
});

scope.onmessage = (message) => {
  void session.handle(message.data);
};
