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

const scope = self as unknown as { postMessage(message: WorkerMessage, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

const session = new TrainingSession({
  post: (event, transfer = []) => scope.postMessage(event, transfer),
  loadBundled: fetchBundledDataset,
  chooseBackend: resolveWorkerBackend,
});

scope.onmessage = (message) => {
  void session.handle(message.data);
};
