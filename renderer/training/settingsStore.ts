/**
 * The training settings (data set, optimizer, epochs, batch, learning rate,
 * seed, subset, backend) in one store outside any panel, so the Train view's
 * button, the Train menu and the command palette start the same run with the
 * same settings. They start from the document's `training` section and follow
 * it when another document is opened; the user's edits stay until then, and
 * the chosen backend stays across documents.
 */
import type { GraphDocument } from '../../engine';
import type { TrainSettings } from '../../engine/training/protocol';
import { resolveRunSettings } from '../../engine/training/runSettings';
import type { DocumentStore } from '../store/documentStore';

/** The panel's starting values: the document's training section resolved as the CLI and the worker resolve it (MNIST where it names no data set). */
export function defaultSettings(doc: GraphDocument): TrainSettings {
  const run = resolveRunSettings(doc.training);
  return {
    dataset: run.dataset ?? 'mnist',
    epochs: run.epochs,
    batchSize: run.batchSize,
    learningRate: run.optimizer.learningRate,
    optimizer: run.optimizerName,
    seed: run.seed,
    maxShift: run.maxShift,
  };
}

export class TrainingSettingsStore {
  private settings: TrainSettings;
  private from: GraphDocument['training'];
  private readonly listeners = new Set<() => void>();

  constructor(store: DocumentStore) {
    const { document } = store.getState();
    this.settings = defaultSettings(document);
    this.from = document.training;
    store.subscribe(() => {
      const next = store.getState().document;
      if (next.training === this.from) return;
      this.from = next.training;
      // Where it computes is the machine's business, not the document's: kept across documents.
      const { backend, threads } = this.settings;
      this.replace({ ...defaultSettings(next), ...(backend ? { backend } : {}), ...(threads ? { threads } : {}) });
    });
  }

  getState = (): TrainSettings => this.settings;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes some settings; a field set to undefined is removed (an empty "subset" field). */
  update(change: Partial<TrainSettings>): void {
    const next = { ...this.settings, ...change } as Record<string, unknown>;
    for (const key of Object.keys(change)) if (next[key] === undefined) delete next[key];
    this.replace(next as unknown as TrainSettings);
  }

  private replace(settings: TrainSettings) {
    this.settings = settings;
    for (const listener of this.listeners) listener();
  }
}
