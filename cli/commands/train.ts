/** `train` and `eval`. */
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { trialStep } from '../../engine/training/trainingStep';
import { Network } from '../../engine/network/network';
import { incompatibility } from '../../engine/training/compatibility';
import { evaluate } from '../../engine/training/evaluate';
import type { OptimizerName } from '../../engine/training/optimizer';
import { resolveRunSettings } from '../../engine/training/runSettings';
import { TrainingRun } from '../../engine/training/trainer';
import { resolveBackend } from '../backends';
import { folderImageShape, loadDataset } from '../datasets';
import { CliError, EXIT, loadDocumentFile, writeFileAtomically, type CliOutput } from '../io';
import { formatDuration, formatProgress } from '../progressBar';
import { table } from './forward';

export interface TrainFlags {
  file: string;
  dataset?: string;
  epochs?: number;
  steps?: number;
  batch?: number;
  lr?: number;
  optimizer?: string;
  seed?: number;
  backend?: string;
  out?: string;
  /** Random translation of training images, in pixels. */
  shift?: number;
  json: boolean;
}

export async function trainCommand(flags: TrainFlags, io: CliOutput, onInterrupt: (stop: () => void) => void): Promise<number> {
  if (flags.optimizer !== undefined && !['sgd', 'momentum', 'adam'].includes(flags.optimizer)) {
    throw new CliError(`--optimizer must be sgd, momentum or adam, not "${flags.optimizer}"`, EXIT.unreadable);
  }
  const { document, analysis } = loadDocumentFile(flags.file, io);
  const training = document.training;
  const output = document.nodes.find((n) => n.id === analysis.topology.outputId);
  if (output?.type !== 'softmax') throw new CliError(`training needs the network to end in a softmax node, but it ends in "${output?.id}" (${output?.type})`);
  const settings = resolveRunSettings(training, {
    dataset: flags.dataset, epochs: flags.epochs, batchSize: flags.batch, seed: flags.seed, learningRate: flags.lr, maxShift: flags.shift,
    ...(flags.optimizer ? { optimizer: flags.optimizer as OptimizerName } : {}),
  });
  const { seed, epochs, batchSize, optimizer } = settings;
  const dataset = await loadDataset(settings.dataset, { seed, ...folderImageShape(analysis) }, io);
  const problem = incompatibility(Network.ends(analysis), dataset);
  if (problem) throw new CliError(problem);

  if (flags.backend === 'auto' && !flags.json) io.err('choosing a backend: timing a few steps on each…');
  const { backend, reason } = await resolveBackend(flags.backend, (candidate) => trialStep(Network.create(document, analysis, candidate, seed), dataset, batchSize, optimizer));
  const network = Network.create(document, analysis, backend, seed);
  const run = new TrainingRun(network, dataset, {
    epochs,
    batchSize,
    backendReason: reason,
    ...(flags.steps !== undefined ? { maxSteps: flags.steps } : {}),
    optimizer,
    seed,
    progressIntervalMs: flags.json ? 1000 : 200,
    maxShift: settings.maxShift,
  });
  onInterrupt(() => run.stop());
  if (!flags.json) io.err(`training "${document.name}" on ${dataset.name} (${dataset.train.count} images) with ${optimizer.type}${optimizer.momentum ? ` (momentum ${optimizer.momentum})` : ''}, learning rate ${optimizer.learningRate}, on the ${backend.name} backend`);

  let exitCode: number = EXIT.ok;
  for await (const e of run.events()) {
    if (flags.json) {
      io.out(JSON.stringify(e));
    } else if (e.event === 'progress') {
      io.status?.(formatProgress(e, epochs));
    } else if (e.event === 'epoch') {
      io.status?.('');
      io.err(`epoch ${e.epoch}: train loss ${e.trainLoss.toFixed(4)}, train accuracy ${pct(e.trainAccuracy)}, test accuracy ${pct(e.testAccuracy)} (${formatDuration(e.seconds)})`);
    } else if (e.event === 'done') {
      io.status?.('');
      io.out(`${e.stopped ? 'stopped' : 'done'} after ${e.steps} steps in ${formatDuration(e.seconds)}: test accuracy ${pct(e.testAccuracy)}, ${Math.round(e.samplesPerSec)} samples/s on ${e.backend} (${e.backendReason})`);
    } else if (e.event === 'error') {
      io.status?.('');
      io.err(`error: ${e.message}`);
    }
    if (e.event === 'error') exitCode = EXIT.problems;
  }
  // Trained weights are kept even when the run was stopped; never after a divergence.
  if (flags.out !== undefined && exitCode === EXIT.ok) {
    writeFileAtomically(flags.out, `${JSON.stringify(run.trainedDocument(document), null, 2)}\n`);
    if (!flags.json) io.err(`wrote ${flags.out}`);
  }
  return exitCode;
}

export async function evalCommand(flags: { file: string; dataset?: string; seed?: number; json: boolean }, io: CliOutput): Promise<number> {
  const { document, analysis } = loadDocumentFile(flags.file, io);
  const { seed, dataset: datasetName } = resolveRunSettings(document.training, { seed: flags.seed, dataset: flags.dataset });
  const dataset = await loadDataset(datasetName, { seed, ...folderImageShape(analysis) }, io);
  const network = Network.create(document, analysis, createCpuBackend(), seed);
  const problem = incompatibility(network, dataset);
  if (problem) throw new CliError(problem);
  if (!document.weights || Object.keys(document.weights).length === 0) {
    io.err('warning: the document stores no trained weights, so this evaluates freshly initialized ones');
  }
  const result = evaluate(network, dataset, dataset.test);
  if (flags.json) {
    const { predictions: _predictions, ...summary } = result;
    io.out(JSON.stringify({ dataset: dataset.name, classNames: dataset.classNames, ...summary }));
    return EXIT.ok;
  }
  io.out(`${dataset.name} test set, ${result.count} images: accuracy ${pct(result.accuracy)}, loss ${result.loss.toFixed(4)}\n`);
  io.out(table(['Class', 'Accuracy'], dataset.classNames.map((name, i) => [name, pct(result.perClassAccuracy[i] ?? 0)])));
  io.out('\nConfusion matrix (rows: actual, columns: predicted)');
  io.out(table(['', ...dataset.classNames.map((_, i) => String(i))], result.confusion.map((row, i) => [`${i} ${dataset.classNames[i]}`, ...row.map(String)])));
  return EXIT.ok;
}


const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
