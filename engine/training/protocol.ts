/**
 * The message protocol between the app and the engine running in a Web
 * Worker. Commands go in; events come out, and requests (probe, examples,
 * import) get one reply each, keyed by their id. Per-step losses are batched
 * (about ten messages a second) into transferable typed arrays, so a fast run
 * never floods the UI thread.
 */
import type { GraphDocument } from '../graph/schema';
import type { OptimizerName } from './optimizer';
import type { Histogram } from './histogram';
import type { TrainEvent } from './trainer';
import type { SkippedFile } from '../data/folderImport';

/** A folder of one's own pictures (one subfolder per class), read by the page and decoded in the worker. */
/**
 * A picture of an imported folder: its bytes, or a handle the session's host reads them through when
 * the picture's turn comes to be decoded (in the app, the browser's File: the page then holds a folder
 * of photos as handles to files on disk, not as their gigabytes).
 */
export interface FolderPicture {
  className: string;
  name: string;
  bytes?: Uint8Array;
  handle?: unknown;
}

export interface FolderSource {
  name: string;
  classNames: string[];
  files: FolderPicture[];
  /** The input node's size: images are scaled to it, in colour when it has three channels. */
  height: number;
  width: number;
  color: boolean;
}

export interface TrainSettings {
  dataset: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
  /** `auto` (the fastest that works, measured on this network), `cpu`, or `gpujs:MODE`; auto when absent. */
  backend?: string;
  /**
   * Threads the wasm backend computes on, the run's own included (its helpers are one fewer); the
   * host's choice when absent: every core, in the app and the CLI.
   */
  threads?: number;
  /** Random translation of training images, pixels per axis; the document's `training.augmentation.maxShift` when absent. */
  maxShift?: number;
  /** Use only the first N training / test images (quick runs, tests). */
  trainLimit?: number;
  testLimit?: number;
}

/** What to run through the network: a test image by index, or pixels (bytes, C×H×W) such as a drawing. */
export type ProbeSource = { kind: 'sample'; index: number } | { kind: 'pixels'; bytes: Uint8Array };

export type WorkerCommand =
  /** `folder`: the pictures behind settings.dataset when it names an imported folder. */
  | { type: 'start'; document: GraphDocument; settings: TrainSettings; folder?: FolderSource }
  /** Decodes a folder to report what it holds and which files cannot be used. */
  | { type: 'import'; requestId: number; folder: FolderSource }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /**
   * Every listed node's output for one input, from the network being (or last) trained. `detailIds`:
   * the nodes whose kernels and weight histograms come too (all of `nodeIds` when absent); the canvas
   * asks for every node's output but only the selected node's details.
   */
  | { type: 'probe'; requestId: number; source: ProbeSource; nodeIds: string[]; /** the weights as they were after this epoch (0: before training); the latest when absent */ epoch?: number; detailIds?: string[] }
  /** Test images of class `actual` that the last evaluation predicted as `predicted` (a confusion-matrix cell). */
  | { type: 'examples'; requestId: number; actual: number; predicted: number; limit: number };

export interface ProbedActivation {
  nodeId: string;
  /** Without the batch axis. */
  shape: number[];
  data: Float32Array;
}

/** The event stream: what a run reports as it goes, unasked. */
export type WorkerEvent =
  | { type: 'status'; message: string }
  | { type: 'started'; backend: string; backendReason: string; totalSteps: number; trainCount: number }
  /** Losses of the steps since the last batch: steps[i] had loss losses[i]. */
  | { type: 'metrics'; steps: Float64Array; losses: Float32Array }
  | { type: 'progress'; event: Extract<TrainEvent, { event: 'progress' }> }
  | { type: 'epoch'; event: Extract<TrainEvent, { event: 'epoch' }> }
  | { type: 'done'; event: Extract<TrainEvent, { event: 'done' }>; document: GraphDocument }
  | { type: 'error'; message: string; nodeId?: string; step?: number }
  /** After a run: accuracy per class and the confusion matrix (confusion[actual][predicted]) on the test split. */
  | { type: 'evaluation'; classNames: string[]; accuracy: number; perClassAccuracy: number[]; confusion: number[][] };

/** A probe's answer: every asked node's output for one input, and the detail nodes' kernels and histograms. */
export interface ProbeResult {
  label?: number;
  input: Uint8Array;
  /** C×H×W of `input` */
  inputShape: number[];
  activations: ProbedActivation[];
  /** each detail node's kernels, [outC, inC, kH, kW], for convolutions */
  kernels: ProbedActivation[];
  /** its weights and the size of their last gradients */
  histograms: Histogram[];
  /** how many test images there are (a sample index past the end is clamped to the last) */
  testCount: number;
}

/** The images behind a confusion cell: `indices` into the test split, their pixels one after another (each `shape`, bytes). */
export interface ExamplesResult {
  indices: number[];
  images: Uint8Array;
  shape: number[];
}

export interface ImportResult {
  name: string;
  classNames: string[];
  trainCount: number;
  testCount: number;
  skipped: SkippedFile[];
}

/** The commands that are requests: each has an id its answer comes back with. */
export type RequestCommand = Extract<WorkerCommand, { requestId: number }>;

/** What each request answers with. */
export interface RequestResults {
  probe: ProbeResult;
  examples: ExamplesResult;
  import: ImportResult;
}

/** A request's answer, or its progress: keyed by the request's id, apart from the event stream. */
export type WorkerReply =
  | { type: 'reply'; requestId: number; ok: true; result: RequestResults[keyof RequestResults] }
  | { type: 'reply'; requestId: number; ok: false; message: string }
  | { type: 'reply-progress'; requestId: number; done: number; total: number };

/** Everything the worker posts. */
export type WorkerMessage = WorkerEvent | WorkerReply;

/** What a caller of a request gets: the result, or why there is none. */
export type Answer<T> = ({ ok: true } & T) | { ok: false; message: string };

/** How often batched metrics and progress go out. */
export const METRICS_INTERVAL_MS = 100;
