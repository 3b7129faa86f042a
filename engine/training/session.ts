/**
 * What the training worker does, as an object that runs anywhere: it takes
 * the protocol's commands (start, pause, resume, stop, probe, examples,
 * import) and posts its events through a host. The worker
 * (renderer/worker/trainingWorker.ts) is this with the browser's postMessage,
 * fetch and backends; a test in Node runs it with the CLI's data and the CPU
 * backend, so the app's path is checked without a browser.
 */
import type { Backend } from '../backend/backend';
import { limitDataset, type Dataset } from '../data/dataset';
import { importImages } from '../data/folderImport';
import { findSyntheticDataset } from '../data/registry';
import { analyzeGraph } from '../graph/analyze';
import { loadDocumentValue } from '../graph/load';
import type { GraphDocument } from '../graph/schema';
import { Network } from '../network/network';
import { now } from '../platform/clock';
import { incompatibility } from './compatibility';
import { evaluate, samplesInCell } from './evaluate';
import { histogram, type Histogram } from './histogram';
import { probeActivations } from './probe';
import { METRICS_INTERVAL_MS, type FolderSource, type ProbedActivation, type RequestResults, type TrainSettings, type WorkerCommand, type WorkerEvent, type WorkerMessage } from './protocol';
import { parseWorkerCommand } from './protocolSchema';
import { resolveRunSettings } from './runSettings';
import { TrainingRun } from './trainer';
import { trialStep } from './trainingStep';

export interface SessionHost {
  /** Sends an event or a reply; `transfer` lists buffers the receiver may take over (a Worker's transferables). */
  post(message: WorkerMessage, transfer?: ArrayBuffer[]): void;
  /** A bundled data set (MNIST, Fashion-MNIST) decoded: the worker fetches its files, Node reads them. */
  loadBundled(name: string): Promise<Dataset>;
  /** The backend a run uses: the one named, or for `auto` the fastest of those this host has. */
  chooseBackend(name: string, trial: (backend: Backend) => () => void, threads?: number): { backend: Backend; reason: string } | Promise<{ backend: Backend; reason: string }>;
  /** A folder picture's bytes from its handle (see FolderPicture), read when it is decoded; throws with the reason it cannot be read. */
  readPicture?(handle: unknown): Uint8Array;
}

/** Epochs whose weights are kept for the slider (LeNet-5's are about 0.25 MB each). */
export const MAX_SNAPSHOTS = 100;

export class TrainingSession {
  private run: TrainingRun | undefined;
  /** The network and data of the current or last run, for probes. */
  private probeTarget: { network: Network; dataset: Dataset } | undefined;
  /** The document's weights before training (0) and after each epoch, for browsing activations by epoch. */
  private snapshots: GraphDocument[] = [];
  private snapshotNetwork: { epoch: number; network: Network } | undefined;
  /** The last evaluation's prediction for every test image, for the confusion matrix's cells. */
  private lastPredictions: Uint16Array | undefined;

  constructor(private readonly host: SessionHost) {}

  /** Takes one message; for a start, resolves when its run has ended (its events posted). A malformed one gets an error event naming the place. */
  handle(message: unknown): Promise<void> {
    const { post } = this.host;
    const parsed = parseWorkerCommand(message);
    if (!parsed.ok) {
      post({ type: 'error', message: parsed.message });
      return Promise.resolve();
    }
    const { command } = parsed;
    switch (command.type) {
      case 'examples':
        this.examples(command);
        break;
      case 'import':
        this.importFolder(command);
        break;
      case 'probe':
        try {
          this.probe(command);
        } catch (e) {
          this.fail(command.requestId, (e as Error).message);
        }
        break;
      case 'start':
        if (this.run) {
          post({ type: 'error', message: 'a run is already going' });
          break;
        }
        return this.start(command).catch((e: Error) => {
          this.run = undefined;
          post({ type: 'error', message: e.message });
        });
      case 'pause':
        this.run?.pause();
        break;
      case 'resume':
        this.run?.resume();
        break;
      case 'stop':
        this.run?.stop();
        break;
    }
    return Promise.resolve();
  }

  private async loadDataset(settings: TrainSettings, folder: FolderSource | undefined): Promise<Dataset> {
    const synthetic = findSyntheticDataset(settings.dataset);
    const bundled = (name: string) => {
      this.host.post({ type: 'status', message: `loading ${name}…` });
      return this.host.loadBundled(name);
    };
    const dataset = folder && folder.name === settings.dataset
      ? this.decodeFolder(folder, settings.seed, (done, total) => this.host.post({ type: 'status', message: `decoding ${folder.name}: ${done}/${total} images…` })).dataset
      : synthetic
        ? synthetic.create(settings.seed, synthetic.basedOn ? await bundled(synthetic.basedOn) : undefined)
        : await bundled(settings.dataset);
    return limitDataset(dataset, settings.trainLimit, settings.testLimit);
  }

  private readPicture(handle: unknown): Uint8Array {
    if (!this.host.readPicture) throw new Error('cannot read it (this host reads no file handles)');
    return this.host.readPicture(handle);
  }

  /** Decodes, scales and splits a folder's pictures (80/20 per class by the seed), reporting progress now and then. */
  private decodeFolder(folder: FolderSource, seed: number, onProgress: (done: number, total: number) => void) {
    let last = 0;
    const files = folder.files.map(({ className, name, bytes, handle }) => ({ className, name, bytes: bytes ?? (() => this.readPicture(handle)) }));
    return importImages(files, {
      name: folder.name, classNames: folder.classNames, height: folder.height, width: folder.width, color: folder.color, testFraction: 0.2, seed,
      onProgress(done, total) {
        if (now() - last < METRICS_INTERVAL_MS) return;
        last = now();
        onProgress(done, total);
      },
    });
  }

  private async start(command: Extract<WorkerCommand, { type: 'start' }>) {
    const { post } = this.host;
    const loaded = loadDocumentValue(command.document);
    if (!loaded.ok) throw new Error(loaded.problems.find((p) => p.severity === 'error')?.message ?? 'the graph has problems');
    const { settings } = command;
    const dataset = await this.loadDataset(settings, command.folder);
    // The panel's choices over the document's training section: the same resolution the CLI makes.
    const resolved = resolveRunSettings(loaded.document.training, {
      epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed, optimizer: settings.optimizer, learningRate: settings.learningRate, maxShift: settings.maxShift,
    });
    // Checked before any backend is timed, so a graph that does not fit the data says so at once.
    const problem = incompatibility(Network.ends(loaded.analysis), dataset);
    if (problem) throw new Error(problem);
    // The last run's backend goes now: each of its compiled webasm kernels holds a WebAssembly memory,
    // and a browser process may hold only about 125 of those (measured in Chromium).
    const previous = this.probeTarget?.network.backend;
    this.probeTarget = undefined;
    this.snapshotNetwork = undefined;
    previous?.destroy?.();
    post({ type: 'status', message: settings.backend === undefined || settings.backend === 'auto' ? 'timing the backends on this network…' : `starting ${settings.backend}…` });
    const { backend, reason: backendReason } = await this.host.chooseBackend(settings.backend ?? 'auto', (candidate) =>
      trialStep(Network.create(loaded.document, loaded.analysis, candidate, resolved.seed), dataset, resolved.batchSize, resolved.optimizer), settings.threads);
    const network = Network.create(loaded.document, loaded.analysis, backend, resolved.seed);
    const run = new TrainingRun(network, dataset, {
      epochs: resolved.epochs,
      batchSize: resolved.batchSize,
      optimizer: resolved.optimizer,
      seed: resolved.seed,
      maxShift: resolved.maxShift,
      progressIntervalMs: 0,
      backendReason,
    });
    this.run = run;
    this.probeTarget = { network, dataset };
    this.lastPredictions = undefined;
    this.snapshots = [network.writeWeights(loaded.document)];
    this.snapshotNetwork = undefined;
    post({ type: 'started', backend: backend.name, backendReason, totalSteps: Math.ceil(dataset.train.count / resolved.batchSize) * resolved.epochs, trainCount: dataset.train.count });

    let steps: number[] = [];
    let losses: number[] = [];
    let lastSent = 0;
    let lastProgress: Extract<WorkerEvent, { type: 'progress' }>['event'] | undefined;
    const flush = () => {
      if (steps.length > 0) {
        const s = Float64Array.from(steps);
        const l = Float32Array.from(losses);
        post({ type: 'metrics', steps: s, losses: l }, [s.buffer, l.buffer]);
        steps = [];
        losses = [];
      }
      if (lastProgress) post({ type: 'progress', event: lastProgress });
      lastSent = now();
    };
    for await (const e of run.events()) {
      if (e.event === 'progress') {
        losses.push(e.batchLoss);
        steps.push(e.step);
        lastProgress = e;
        if (now() - lastSent >= METRICS_INTERVAL_MS) flush();
      } else if (e.event === 'epoch') {
        if (e.epoch < MAX_SNAPSHOTS) this.snapshots[e.epoch] = network.writeWeights(loaded.document);
        flush();
        post({ type: 'epoch', event: e });
      } else if (e.event === 'done') {
        flush();
        post({ type: 'done', event: e, document: run.trainedDocument(loaded.document) });
        // The last epoch already evaluated the test set; a run stopped mid-epoch evaluates now.
        const result = run.lastTestEvaluation ?? evaluate(network, dataset, dataset.test);
        this.lastPredictions = result.predictions;
        post({ type: 'evaluation', classNames: [...dataset.classNames], accuracy: result.accuracy, perClassAccuracy: result.perClassAccuracy, confusion: result.confusion });
      } else {
        flush();
        post({ type: 'error', message: e.message, step: e.step, ...(e.nodeId ? { nodeId: e.nodeId } : {}) });
      }
    }
    this.run = undefined;
  }

  /** The network with the weights it had after `epoch`, rebuilt from that epoch's snapshot (one kept at a time). */
  private networkAfterEpoch(epoch: number, latest: Network): Network {
    const snapshot = this.snapshots[epoch];
    if (!snapshot) throw new Error(epoch >= MAX_SNAPSHOTS ? `the weights are kept for the first ${MAX_SNAPSHOTS} epochs` : `there are no weights for epoch ${epoch}`);
    if (this.snapshotNetwork?.epoch !== epoch) {
      for (const { param } of this.snapshotNetwork?.network.parameters ?? []) latest.backend.dispose(param.value);
      this.snapshotNetwork = { epoch, network: Network.create(snapshot, analyzeGraph(snapshot), latest.backend, 1) };
    }
    return this.snapshotNetwork.network;
  }

  private reply<K extends keyof RequestResults>(requestId: number, _kind: K, result: RequestResults[K], transfer: ArrayBuffer[] = []): void {
    this.host.post({ type: 'reply', requestId, ok: true, result }, transfer);
  }

  private fail(requestId: number, message: string): void {
    this.host.post({ type: 'reply', requestId, ok: false, message });
  }

  private probe(command: Extract<WorkerCommand, { type: 'probe' }>) {
    if (!this.probeTarget) return this.fail(command.requestId, 'train the network first');
    const { dataset } = this.probeTarget;
    const network = command.epoch === undefined ? this.probeTarget.network : this.networkAfterEpoch(command.epoch, this.probeTarget.network);
    const size = dataset.inputShape.reduce((a, b) => a * b, 1);
    const { source } = command;
    const index = source.kind === 'sample' ? Math.min(Math.max(source.index, 0), dataset.test.count - 1) : 0;
    const bytes = source.kind === 'sample' ? dataset.test.images.slice(index * size, (index + 1) * size) : source.bytes;
    if (bytes.length !== size) return this.fail(command.requestId, `the input needs ${size} values, got ${bytes.length}`);
    const { mean, std } = dataset.normalization;
    const input = Float32Array.from(bytes, (b) => (b / 255 - mean) / std);
    const outputs = probeActivations(network, input, 1);
    // Each id once: a buffer listed twice for transfer would fail the whole message.
    const activations: ProbedActivation[] = [...new Set(command.nodeIds)].flatMap((nodeId) => {
      const t = outputs.get(nodeId);
      return t ? [{ nodeId, shape: t.shape.slice(1), data: t.data }] : [];
    });
    // Kernels and histograms read every weight back, so only the nodes asked for get them (the canvas
    // probes every node a few times a second but shows the details of the selected one alone).
    const detailIds = command.detailIds ?? command.nodeIds;
    // The kernels of ordinary convolutions, to show as small images beside what they produce.
    const kernels: ProbedActivation[] = network.parameters
      .filter(({ nodeId, param }) => detailIds.includes(nodeId) && param.name === 'weight' && param.value.shape.length === 4)
      .map(({ nodeId, param }) => ({ nodeId, shape: [...param.value.shape], data: Float32Array.from(network.backend.read(param.value)) }));
    const histograms: Histogram[] = network.parameters
      .filter(({ nodeId }) => detailIds.includes(nodeId))
      .flatMap(({ nodeId, param }) => {
        const values = network.backend.read(param.value);
        const grad = param.grad ? Array.from(network.backend.read(param.grad), Math.abs) : undefined;
        return [histogram(`${nodeId}.${param.name}`, values), ...(grad ? [histogram(`${nodeId}.${param.name} |gradient|`, grad)] : [])];
      });
    // Everything goes as transferable buffers (each array has one of its own, `bytes` a slice or this
    // message's copy of the drawing): nothing is copied.
    return this.reply(
      command.requestId,
      'probe',
      { input: bytes, inputShape: [...dataset.inputShape], activations, kernels, histograms, testCount: dataset.test.count, ...(source.kind === 'sample' ? { label: dataset.test.labels[index] } : {}) },
      [...activations, ...kernels].map((a) => a.data.buffer as ArrayBuffer).concat(bytes.buffer as ArrayBuffer),
    );
  }

  private examples(command: Extract<WorkerCommand, { type: 'examples' }>): void {
    if (!this.probeTarget || !this.lastPredictions) return this.fail(command.requestId, 'train the network first');
    const { test, inputShape } = this.probeTarget.dataset;
    const size = inputShape.reduce((a, b) => a * b, 1);
    const indices = samplesInCell(test.labels, this.lastPredictions, command.actual, command.predicted, command.limit);
    const images = new Uint8Array(indices.length * size);
    indices.forEach((index, k) => images.set(test.images.subarray(index * size, (index + 1) * size), k * size));
    return this.reply(command.requestId, 'examples', { indices, images, shape: [...inputShape] }, [images.buffer]);
  }

  private importFolder(command: Extract<WorkerCommand, { type: 'import' }>) {
    const { post } = this.host;
    const { requestId, folder } = command;
    try {
      const result = this.decodeFolder(folder, 1, (done, total) => post({ type: 'reply-progress', requestId, done, total }));
      const { dataset } = result;
      this.reply(requestId, 'import', { name: folder.name, classNames: [...dataset.classNames], trainCount: dataset.train.count, testCount: dataset.test.count, skipped: result.skipped });
    } catch (e) {
      this.fail(requestId, (e as Error).message);
    }
  }
}
