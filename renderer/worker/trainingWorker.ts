/**
 * The engine in a Web Worker: trains the document it is sent and streams
 * events back, so the canvas never waits on training. Bundled data sets are
 * fetched from the app's datasets/ folder and decoded here.
 */
import { analyzeGraph, loadDocumentValue, type GraphDocument } from '../../engine';
import { BUNDLED_FILES, decodeBundledDataset, findBundledDataset, type BundledFiles } from '../../engine/data/bundled';
import { limitDataset, type Dataset } from '../../engine/data/dataset';
import { findSyntheticDataset } from '../../engine/data/registry';
import { importImages } from '../../engine/data/folderImport';
import { Network } from '../../engine/network/network';
import { incompatibility } from '../../engine/training/compatibility';
import { evaluate, samplesInCell } from '../../engine/training/evaluate';
import { resolveOptimizer } from '../../engine/training/optimizer';
import { probeActivations } from '../../engine/training/probe';
import { histogram, type Histogram } from '../../engine/training/histogram';
import { METRICS_INTERVAL_MS, type FolderSource, type ProbedActivation, type TrainSettings, type WorkerCommand, type WorkerEvent } from '../../engine/training/protocol';
import { TrainingRun } from '../../engine/training/trainer';
import { trialStep } from '../../engine/training/trainingStep';
import { resolveWorkerBackend } from './workerBackend';

const scope = self as unknown as { postMessage(message: WorkerEvent, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<WorkerCommand>) => void) | null };
const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);

let run: TrainingRun | undefined;
/** The network and data of the current or last run, for probes. */
let probeTarget: { network: Network; dataset: Dataset } | undefined;
/** The document's weights before training (0) and after each epoch, for browsing activations by epoch. */
let snapshots: GraphDocument[] = [];
/** Epochs whose weights are kept for the slider (LeNet-5's are about 0.25 MB each). */
const MAX_SNAPSHOTS = 100;
let snapshotNetwork: { epoch: number; network: Network } | undefined;
/** The last evaluation's prediction for every test image, for the confusion matrix's cells. */
let lastPredictions: Uint16Array | undefined;

async function fetchBundled(name: string): Promise<Dataset> {
  const info = findBundledDataset(name);
  if (!info) throw new Error(`unknown data set "${name}"`);
  post({ type: 'status', message: `loading ${name}…` });
  const entries = await Promise.all(
    Object.entries(BUNDLED_FILES).map(async ([key, file]) => {
      const response = await fetch(new URL(`datasets/${info.folder}/${file}`, self.location.origin + '/'));
      if (!response.ok) throw new Error(`cannot load ${file} of ${name} (${response.status})`);
      return [key, new Uint8Array(await response.arrayBuffer())] as const;
    }),
  );
  return decodeBundledDataset(info, Object.fromEntries(entries) as BundledFiles);
}

/** Decodes, scales and splits a folder's pictures (80/20 per class by the seed), reporting progress now and then. */
function decodeFolder(folder: FolderSource, seed: number, onProgress: (done: number, total: number) => void) {
  let last = 0;
  return importImages(folder.files, {
    name: folder.name, classNames: folder.classNames, height: folder.height, width: folder.width, color: folder.color, testFraction: 0.2, seed,
    onProgress(done, total) {
      if (performance.now() - last < METRICS_INTERVAL_MS) return;
      last = performance.now();
      onProgress(done, total);
    },
  });
}

async function loadDataset(settings: TrainSettings, folder: FolderSource | undefined): Promise<Dataset> {
  const synthetic = findSyntheticDataset(settings.dataset);
  const dataset = folder && folder.name === settings.dataset
    ? decodeFolder(folder, settings.seed, (done, total) => post({ type: 'status', message: `decoding ${folder.name}: ${done}/${total} images…` })).dataset
    : synthetic
      ? synthetic.create(settings.seed, synthetic.basedOn ? await fetchBundled(synthetic.basedOn) : undefined)
      : await fetchBundled(settings.dataset);
  return limitDataset(dataset, settings.trainLimit, settings.testLimit);
}

async function start(command: Extract<WorkerCommand, { type: 'start' }>) {
  const loaded = loadDocumentValue(command.document);
  if (!loaded.ok) throw new Error(loaded.problems.find((p) => p.severity === 'error')?.message ?? 'the graph has problems');
  const { settings } = command;
  const dataset = await loadDataset(settings, command.folder);
  const optimizer = resolveOptimizer(loaded.document.training?.optimizer, { name: settings.optimizer, learningRate: settings.learningRate });
  // Checked before any backend is timed, so a graph that does not fit the data says so at once.
  const problem = incompatibility(Network.ends(loaded.analysis), dataset);
  if (problem) throw new Error(problem);
  // The last run's backend goes now: each of its compiled webasm kernels holds a WebAssembly memory,
  // and a browser process may hold only about 125 of those (measured in Chromium).
  const previous = probeTarget?.network.backend;
  probeTarget = undefined;
  snapshotNetwork = undefined;
  previous?.destroy?.();
  post({ type: 'status', message: settings.backend === undefined || settings.backend === 'auto' ? 'timing the backends on this network…' : `starting ${settings.backend}…` });
  const { backend, reason: backendReason } = resolveWorkerBackend(settings.backend ?? 'auto', (candidate) =>
    trialStep(Network.create(loaded.document, loaded.analysis, candidate, settings.seed), dataset, settings.batchSize, optimizer));
  const network = Network.create(loaded.document, loaded.analysis, backend, settings.seed);
  run = new TrainingRun(network, dataset, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    optimizer,
    seed: settings.seed,
    progressIntervalMs: 0,
    backendReason,
  });
  probeTarget = { network, dataset };
  lastPredictions = undefined;
  snapshots = [network.writeWeights(loaded.document)];
  snapshotNetwork = undefined;
  post({ type: 'started', backend: backend.name, backendReason, totalSteps: Math.ceil(dataset.train.count / settings.batchSize) * settings.epochs, trainCount: dataset.train.count });

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
    lastSent = performance.now();
  };
  for await (const e of run.events()) {
    if (e.event === 'progress') {
      losses.push(e.batchLoss);
      steps.push(e.step);
      lastProgress = e;
      if (performance.now() - lastSent >= METRICS_INTERVAL_MS) flush();
    } else if (e.event === 'epoch') {
      if (e.epoch < MAX_SNAPSHOTS) snapshots[e.epoch] = network.writeWeights(loaded.document);
      flush();
      post({ type: 'epoch', event: e });
    } else if (e.event === 'done') {
      flush();
      post({ type: 'done', event: e, document: run.trainedDocument(loaded.document) });
      // The last epoch already evaluated the test set; a run stopped mid-epoch evaluates now.
      const result = run.lastTestEvaluation ?? evaluate(network, dataset, dataset.test);
      lastPredictions = result.predictions;
      post({ type: 'evaluation', classNames: [...dataset.classNames], accuracy: result.accuracy, perClassAccuracy: result.perClassAccuracy, confusion: result.confusion });
    } else {
      flush();
      post({ type: 'error', message: e.message, step: e.step, ...(e.nodeId ? { nodeId: e.nodeId } : {}) });
    }
  }
  run = undefined;
}

/** The network with the weights it had after `epoch`, rebuilt from that epoch's snapshot (one kept at a time). */
function networkAfterEpoch(epoch: number, latest: Network): Network {
  const snapshot = snapshots[epoch];
  if (!snapshot) throw new Error(epoch >= MAX_SNAPSHOTS ? `the weights are kept for the first ${MAX_SNAPSHOTS} epochs` : `there are no weights for epoch ${epoch}`);
  if (snapshotNetwork?.epoch !== epoch) {
    for (const { param } of snapshotNetwork?.network.parameters ?? []) latest.backend.dispose(param.value);
    snapshotNetwork = { epoch, network: Network.create(snapshot, analyzeGraph(snapshot), latest.backend, 1) };
  }
  return snapshotNetwork.network;
}

function probe(command: Extract<WorkerCommand, { type: 'probe' }>) {
  if (!probeTarget) return post({ type: 'probe-failed', requestId: command.requestId, message: 'train the network first' });
  const { dataset } = probeTarget;
  const network = command.epoch === undefined ? probeTarget.network : networkAfterEpoch(command.epoch, probeTarget.network);
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  const { source } = command;
  const index = source.kind === 'sample' ? Math.min(Math.max(source.index, 0), dataset.test.count - 1) : 0;
  const bytes = source.kind === 'sample' ? dataset.test.images.slice(index * size, (index + 1) * size) : source.bytes;
  if (bytes.length !== size) return post({ type: 'probe-failed', requestId: command.requestId, message: `the input needs ${size} values, got ${bytes.length}` });
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
  post(
    { type: 'activations', requestId: command.requestId, input: bytes, inputShape: [...dataset.inputShape], activations, kernels, histograms, testCount: dataset.test.count, ...(source.kind === 'sample' ? { label: dataset.test.labels[index] } : {}) },
    [...activations, ...kernels].map((a) => a.data.buffer as ArrayBuffer).concat(bytes.buffer as ArrayBuffer),
  );
  return undefined;
}

function examples(command: Extract<WorkerCommand, { type: 'examples' }>) {
  if (!probeTarget || !lastPredictions) return post({ type: 'probe-failed', requestId: command.requestId, message: 'train the network first' });
  const { test, inputShape } = probeTarget.dataset;
  const size = inputShape.reduce((a, b) => a * b, 1);
  const indices = samplesInCell(test.labels, lastPredictions, command.actual, command.predicted, command.limit);
  const images = new Uint8Array(indices.length * size);
  indices.forEach((index, k) => images.set(test.images.subarray(index * size, (index + 1) * size), k * size));
  return post({ type: 'examples', requestId: command.requestId, indices, images, shape: [...inputShape] }, [images.buffer]);
}

function importFolder(command: Extract<WorkerCommand, { type: 'import' }>) {
  const { requestId, folder } = command;
  try {
    const result = decodeFolder(folder, 1, (done, total) => post({ type: 'import-progress', requestId, done, total }));
    const { dataset } = result;
    post({ type: 'imported', requestId, name: folder.name, classNames: [...dataset.classNames], trainCount: dataset.train.count, testCount: dataset.test.count, skipped: result.skipped });
  } catch (e) {
    post({ type: 'probe-failed', requestId, message: (e as Error).message });
  }
}

scope.onmessage = (message) => {
  const command = message.data;
  if (command.type === 'examples') return examples(command);
  if (command.type === 'import') return importFolder(command);
  if (command.type === 'probe') {
    try {
      probe(command);
    } catch (e) {
      post({ type: 'probe-failed', requestId: command.requestId, message: (e as Error).message });
    }
    return undefined;
  }
  if (command.type === 'start') {
    if (run) return post({ type: 'error', message: 'a run is already going' });
    start(command).catch((e: Error) => {
      run = undefined;
      post({ type: 'error', message: e.message });
    });
  } else if (command.type === 'pause') run?.pause();
  else if (command.type === 'resume') run?.resume();
  else if (command.type === 'stop') run?.stop();
  return undefined;
};
