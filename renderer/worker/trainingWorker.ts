/**
 * The engine in a Web Worker: the training session (engine/training/session.ts)
 * with the browser's postMessage, the app's bundled data sets fetched from its
 * datasets/ folder, and the worker's backends. The canvas never waits on
 * training.
 */
import type { WorkerMessage } from '../../engine/training/protocol';
import { TrainingSession } from '../../engine/training/session';
import { fetchBundledDataset } from '../platform/bundledDatasets';
import { resolveWorkerBackend } from './workerBackend';

declare const FileReaderSync: { new (): { readAsArrayBuffer(blob: Blob): ArrayBuffer } };

const scope = self as unknown as { postMessage(message: WorkerMessage, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

const session = new TrainingSession({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  loadBundled: fetchBundledDataset,
  chooseBackend: resolveWorkerBackend,
  // The page hands over an imported folder's files, not their bytes; each is read here as it is decoded.
  readPicture(handle) {
    if (!(handle instanceof Blob)) throw new Error('cannot read it (not a file)');
    try {
      return new Uint8Array(new FileReaderSync().readAsArrayBuffer(handle));
    } catch (e) {
      throw new Error(`cannot read it (${(e as Error).name || 'the file went away'})`, { cause: e });
    }
  },
});

scope.onmessage = (message) => {
  void session.handle(message.data);
};
