/**
 * The app's side of the training worker: starts it, sends commands, and keeps
 * what the events say (status, per-step losses, epochs, the result) in a small
 * store the training panel renders. A worker that crashes is reported and the
 * editor carries on.
 */
import type { GraphDocument } from '../../engine';
import type { Answer, ExamplesResult, FolderSource, ImportResult, ProbeResult, ProbeSource, TrainSettings, WorkerCommand, WorkerEvent, WorkerMessage } from '../../engine/training/protocol';
import { parseWorkerMessage } from '../../engine/training/protocolSchema';
import type { TrainEvent } from '../../engine/training/trainer';
import { PendingRequests } from './pendingRequests';

export type ProbeReply = Answer<ProbeResult>;
export type ExamplesReply = Answer<ExamplesResult>;
export type ImportReply = Answer<ImportResult>;
import { imageInput } from './imageInput';
import { appendLosses, EMPTY_LOSS_SERIES, type LossSeries } from './lossSeries';
import { LIVE_BEAT, type PaintBeat } from './paintBeat';

/** `epoch`: the weights after that epoch (0: before training), the latest when absent; `detailIds`: whose kernels and histograms to send (every probed node when absent). */
export interface ProbeOptions {
  epoch?: number | undefined;
  detailIds?: string[] | undefined;
}

export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

/** A finished (or abandoned) run, kept so the next ones can be drawn over it. */
export interface RunRecord {
  id: number;
  label: string;
  learningRate: number;
  loss: LossSeries;
  epochs: Extract<TrainEvent, { event: 'epoch' }>[];
}

/**
 * How many earlier runs the Charts view offers for comparison: the latest ones. With each run's
 * curve bounded too (./lossSeries.ts), a class's hundredth run costs the page what its tenth did.
 */
export const MAX_RUNS_KEPT = 20;

export interface TrainingState {
  state: RunState;
  /** Which run this is (1, 2, …) and its settings, for the chart's legend. */
  runId: number;
  settings?: TrainSettings;
  /** Earlier runs in this session, oldest first (the latest MAX_RUNS_KEPT). */
  history: RunRecord[];
  status: string;
  backend?: string;
  backendReason?: string;
  /** This run's loss per step (merged into fewer points as it grows long). */
  loss: LossSeries;
  progress?: Extract<TrainEvent, { event: 'progress' }>;
  epochs: Extract<TrainEvent, { event: 'epoch' }>[];
  done?: Extract<TrainEvent, { event: 'done' }>;
  evaluation?: Omit<Extract<WorkerEvent, { type: 'evaluation' }>, 'type'>;
  error?: string;
  /** Imported folders, offered as data sets. */
  folders: string[];
}

const IDLE: TrainingState = { state: 'idle', runId: 0, history: [], status: '', loss: EMPTY_LOSS_SERIES, epochs: [], folders: [] };

/** What importFolder answers when cancelled. */
export const IMPORT_CANCELLED = 'the import was cancelled';

export function runLabel(id: number, settings: TrainSettings | undefined): string {
  return settings ? `run ${id}: ${settings.optimizer} lr ${settings.learningRate} batch ${settings.batchSize}` : `run ${id}`;
}

export class TrainingClient {
  private worker: Worker | undefined;
  private current: TrainingState = IDLE;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly workerUrl: URL,
    /** Called with the trained document when a run ends normally or is stopped. */
    private readonly onTrained: (doc: GraphDocument) => void,
    /** When the stream of metrics reaches the listeners (see ./paintBeat.ts). */
    private readonly beat: PaintBeat = LIVE_BEAT,
  ) {}

  getState = (): TrainingState => this.current;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The state changes at once. Listeners hear of a change of state (started, paused, done…) at
   * once too, but of the stream of metrics, progress and epochs on the page's beat: a run on a
   * tiny data set ends dozens of epochs a second, and re-rendering for each would swamp the page.
   */
  private set(next: Partial<TrainingState>, stream = false) {
    this.current = { ...this.current, ...next };
    if (stream) return this.beat.schedule(this.notify);
    return this.notify();
  }

  private readonly notify = () => {
    this.beat.cancel(this.notify);
    for (const listener of this.listeners) listener();
  };

  /** Imported folders by name; a run on one sends its pictures to the worker, which decodes them again. */
  private readonly folders = new Map<string, FolderSource>();

  /**
   * Decodes a folder in a worker of its own (the page stays responsive), reporting progress; on
   * success the folder becomes a data set the panel can train on.
   */
  async importFolder(folder: FolderSource, onProgress: (done: number, total: number) => void): Promise<ImportReply> {
    const worker = new Worker(this.workerUrl, { type: 'module' });
    const requests = new PendingRequests();
    worker.onmessage = (message: MessageEvent<unknown>) => {
      const parsed = parseWorkerMessage(message.data);
      if (!parsed.ok) return requests.failAll(parsed.message);
      if (parsed.message.type === 'reply' || parsed.message.type === 'reply-progress') return requests.receive(parsed.message);
      // The import worker runs no training, so its only event is an error (a malformed command).
      if (parsed.message.type === 'error') return requests.failAll(parsed.message.message);
      return undefined;
    };
    worker.onerror = (e) => {
      e.preventDefault();
      requests.failAll(`the import crashed: ${e.message || 'unknown error'}`);
    };
    let reply: ImportReply;
    this.stopImport = () => {
      worker.terminate();
      requests.failAll(IMPORT_CANCELLED);
    };
    try {
      reply = await requests.ask('import', (requestId) => worker.postMessage({ type: 'import', requestId, folder } satisfies WorkerCommand), onProgress);
    } finally {
      worker.terminate();
      this.stopImport = undefined;
    }
    if (reply.ok) {
      this.folders.set(folder.name, folder);
      this.set({ folders: [...this.folders.keys()] });
    }
    return reply;
  }

  private stopImport: (() => void) | undefined;

  /** Stops the folder import under way, if any: its worker ends and importFolder answers IMPORT_CANCELLED. */
  cancelImport() {
    this.stopImport?.();
  }

  /** Ends the worker, answering every question still waiting on it so no caller hangs. */
  private dropWorker(reason: string) {
    this.worker?.terminate();
    this.worker = undefined;
    this.requests.failAll(reason);
  }

  start(document: GraphDocument, settings: TrainSettings) {
    this.dropWorker('a new run started');
    const worker = new Worker(this.workerUrl, { type: 'module' });
    this.worker = worker;
    worker.onmessage = (message: MessageEvent<unknown>) => {
      if (this.worker !== worker) return;
      const parsed = parseWorkerMessage(message.data);
      if (parsed.ok) return this.receive(parsed.message);
      // A worker that says something the page cannot read is as good as crashed: end it, keep the graph.
      this.dropWorker(parsed.message);
      return this.set({ state: 'failed', error: `${parsed.message}. Your graph is unchanged.` });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (this.worker !== worker) return;
      this.dropWorker('the training worker crashed');
      this.set({ state: 'failed', error: `the training worker crashed: ${e.message || 'unknown error'}. Your graph is unchanged.` });
    };
    const previous = this.current;
    const history = previous.loss.stepCount > 0
      ? [...previous.history, { id: previous.runId, label: runLabel(previous.runId, previous.settings), learningRate: previous.settings?.learningRate ?? 0, loss: previous.loss, epochs: previous.epochs }].slice(-MAX_RUNS_KEPT)
      : previous.history;
    // A new run starts with empty curves, but the imported folders stay on offer (they were dropped here, so
    // the Train view's select showed "mnist" during and after a run on a folder).
    this.current = { ...IDLE, history, folders: previous.folders, runId: previous.runId + 1, settings, state: 'loading', status: 'starting…' };
    this.set({});
    // A folder is scaled to the input node as it is now (it may have changed since the import).
    const imported = this.folders.get(settings.dataset);
    const input = imageInput(document);
    const folder = imported && typeof input !== 'string' ? { ...imported, ...input } : imported;
    this.send({ type: 'start', document, settings, ...(folder ? { folder } : {}) });
  }

  pause() {
    this.send({ type: 'pause' });
    this.set({ state: 'paused' });
  }

  resume() {
    this.send({ type: 'resume' });
    this.set({ state: 'running' });
  }

  stop() {
    // Still loading (fetching data, timing backends): the worker has no run to stop yet, so end it.
    if (this.current.state === 'loading') {
      this.dropWorker('the run was stopped');
      return this.set({ state: 'stopped', status: 'stopped before training began' });
    }
    this.send({ type: 'stop' });
    return undefined;
  }

  private readonly requests = new PendingRequests();

  /**
   * Every listed node's output for one input, from the network being (or last) trained. Which image
   * the app shows is not kept here: renderer/activations/liveActivations.ts holds that choice.
   */
  probe(source: ProbeSource, nodeIds: string[], options: ProbeOptions = {}): Promise<ProbeReply> {
    const { epoch, detailIds } = options;
    if (!this.worker) return Promise.resolve({ ok: false, message: 'train the network first' });
    return this.requests.ask('probe', (requestId) => this.send({ type: 'probe', requestId, source, nodeIds, ...(epoch === undefined ? {} : { epoch }), ...(detailIds ? { detailIds } : {}) }));
  }

  /** The test images of class `actual` predicted as `predicted` by the last evaluation. */
  examples(actual: number, predicted: number, limit = 48): Promise<ExamplesReply> {
    if (!this.worker) return Promise.resolve({ ok: false, message: 'train the network first' });
    return this.requests.ask('examples', (requestId) => this.send({ type: 'examples', requestId, actual, predicted, limit }));
  }

  private send(command: WorkerCommand) {
    this.worker?.postMessage(command);
  }

  private receive(event: WorkerMessage) {
    switch (event.type) {
      case 'reply':
      case 'reply-progress':
        return this.requests.receive(event);
      case 'status':
        return this.set({ status: event.message });
      case 'started':
        return this.set({ state: 'running', status: `training on ${event.trainCount.toLocaleString('en-US')} images`, backend: event.backend, backendReason: event.backendReason });
      case 'metrics':
        return this.set({ loss: appendLosses(this.current.loss, event.steps, event.losses) }, true);
      case 'progress':
        return this.set({ progress: event.event }, true);
      case 'epoch':
        return this.set({ epochs: [...this.current.epochs, event.event] }, true);
      case 'done':
        // The worker stays: it answers probes (activations, the drawing pad) with the trained network.
        // The weights go into the document first, so a run that says it is done has them there; the
        // views hear of the end in a task of their own, since the canvas's re-render for the new
        // weights and theirs took over 50 ms in one.
        this.onTrained(event.document);
        setTimeout(() => this.set({ state: event.event.stopped ? 'stopped' : 'done', done: event.event, status: event.event.stopped ? 'stopped' : 'done' }), 0);
        return undefined;
      case 'error':
        this.dropWorker(event.message);
        return this.set({ state: 'failed', error: `${event.message.replace(/[^.!?]$/, '$&.')} Your graph is unchanged.` });
      case 'evaluation': {
        const { type: _type, ...evaluation } = event;
        return this.set({ evaluation });
      }
    }
  }
}
