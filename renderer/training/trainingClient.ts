/**
 * The app's side of the training worker: starts it, sends commands, and keeps
 * what the events say (status, per-step losses, epochs, the result) in a small
 * store the training panel renders. A worker that crashes is reported and the
 * editor carries on.
 */
import type { GraphDocument } from '../../engine';
import type { TrainSettings, WorkerCommand, WorkerEvent } from '../../engine/training/protocol';
import type { TrainEvent } from '../../engine/training/trainer';

export type RunState = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface TrainingState {
  state: RunState;
  status: string;
  backend?: string;
  backendReason?: string;
  steps: number[];
  losses: number[];
  progress?: Extract<TrainEvent, { event: 'progress' }>;
  epochs: Extract<TrainEvent, { event: 'epoch' }>[];
  done?: Extract<TrainEvent, { event: 'done' }>;
  error?: string;
}

const IDLE: TrainingState = { state: 'idle', status: '', steps: [], losses: [], epochs: [] };

export class TrainingClient {
  private worker: Worker | undefined;
  private current: TrainingState = IDLE;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly workerUrl: URL,
    /** Called with the trained document when a run ends normally or is stopped. */
    private readonly onTrained: (doc: GraphDocument) => void,
  ) {}

  getState = (): TrainingState => this.current;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<TrainingState>) {
    this.current = { ...this.current, ...next };
    for (const listener of this.listeners) listener();
  }

  start(document: GraphDocument, settings: TrainSettings) {
    this.worker?.terminate();
    const worker = new Worker(this.workerUrl, { type: 'module' });
    this.worker = worker;
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.receive(message.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.set({ state: 'failed', error: `the training worker crashed: ${e.message || 'unknown error'}. Your graph is unchanged.` });
      worker.terminate();
      if (this.worker === worker) this.worker = undefined;
    };
    this.current = { ...IDLE, state: 'loading', status: 'starting…' };
    this.set({});
    this.send({ type: 'start', document, settings });
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
    this.send({ type: 'stop' });
  }

  private send(command: WorkerCommand) {
    this.worker?.postMessage(command);
  }

  private receive(event: WorkerEvent) {
    switch (event.type) {
      case 'status':
        return this.set({ status: event.message });
      case 'started':
        return this.set({ state: 'running', status: `training on ${event.trainCount.toLocaleString('en-US')} images`, backend: event.backend, backendReason: event.backendReason });
      case 'metrics':
        return this.set({ steps: [...this.current.steps, ...event.steps], losses: [...this.current.losses, ...event.losses] });
      case 'progress':
        return this.set({ progress: event.event });
      case 'epoch':
        return this.set({ epochs: [...this.current.epochs, event.event] });
      case 'done':
        this.onTrained(event.document);
        this.worker?.terminate();
        this.worker = undefined;
        return this.set({ state: event.event.stopped ? 'stopped' : 'done', done: event.event, status: event.event.stopped ? 'stopped' : 'done' });
      case 'error':
        this.worker?.terminate();
        this.worker = undefined;
        return this.set({ state: 'failed', error: `${event.message}${event.message.includes('learning rate') ? '' : ''} Your graph is unchanged.` });
    }
  }
}
