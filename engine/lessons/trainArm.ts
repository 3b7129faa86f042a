/**
 * One arm of the pooling experiment trained where there is no worker (the
 * command line): the engine's own TrainingRun on the CPU reference backend,
 * as the app's training worker runs it.
 */
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { limitDataset, type Dataset } from '../data/dataset';
import { analyzeGraph } from '../graph/analyze';
import { Network } from '../network/network';
import { evaluate } from '../training/evaluate';
import { resolveOptimizer } from '../training/optimizer';
import { TrainingRun } from '../training/trainer';
import { EXPERIMENT_SETTINGS, experimentNetwork, parametersOf, type ArmResult } from './poolingExperiment';

/** Trains the network with (or without) pooling on the experiment's settings; `onProgress` hears of each step. */
export async function trainArm(pooling: boolean, dataset: Dataset, onProgress: (step: number, total: number) => void = () => {}): Promise<ArmResult> {
  const document = experimentNetwork(pooling);
  const analysis = analyzeGraph(document);
  const settings = EXPERIMENT_SETTINGS;
  const limited = limitDataset(dataset, settings.trainLimit, settings.testLimit);
  const network = Network.create(document, analysis, createCpuBackend(), settings.seed);
  const run = new TrainingRun(network, limited, {
    epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed,
    optimizer: resolveOptimizer(undefined, { name: settings.optimizer, learningRate: settings.learningRate }),
  });
  for await (const event of run.events()) {
    if (event.event === 'progress') onProgress(event.step, event.totalSteps);
    if (event.event === 'error') throw new Error(event.message);
    if (event.event === 'done') {
      const test = run.lastTestEvaluation ?? evaluate(network, limited, limited.test);
      return { arm: pooling ? 'with pooling' : 'without pooling', parameters: parametersOf(document), trainAccuracy: event.trainAccuracy, testAccuracy: test.accuracy, seconds: event.seconds };
    }
  }
  throw new Error('the run ended without a result');
}

