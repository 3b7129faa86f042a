/**
 * An experiment trained where there is no worker (the command line): each
 * arm by the engine's own TrainingRun on the CPU reference backend, as the
 * app's training worker runs it.
 */
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { limitDataset, type Dataset } from '../data/dataset';
import { analyzeGraph } from '../graph/analyze';
import { Network } from '../network/network';
import { evaluate } from '../training/evaluate';
import { resolveOptimizer } from '../training/optimizer';
import type { TrainSettings } from '../training/protocol';
import { TrainingRun } from '../training/trainer';
import { parametersOf, type ArmResult, type Experiment, type ExperimentArm } from './experiment';

export type ArmProgress = (arm: string, step: number, total: number) => void;

/** Trains one arm on the experiment's settings; `onProgress` hears of each step. */
export async function trainArm(arm: ExperimentArm, settings: TrainSettings, dataset: Dataset, onProgress: ArmProgress = () => {}): Promise<ArmResult> {
  const analysis = analyzeGraph(arm.document);
  const limited = limitDataset(dataset, settings.trainLimit, settings.testLimit);
  const network = Network.create(arm.document, analysis, createCpuBackend(), settings.seed);
  const run = new TrainingRun(network, limited, {
    epochs: settings.epochs, batchSize: settings.batchSize, seed: settings.seed,
    optimizer: resolveOptimizer(undefined, { name: settings.optimizer, learningRate: settings.learningRate }),
  });
  for await (const event of run.events()) {
    if (event.event === 'progress') onProgress(arm.name, event.step, event.totalSteps);
    if (event.event === 'error') throw new Error(event.message);
    if (event.event === 'done') {
      const test = run.lastTestEvaluation ?? evaluate(network, limited, limited.test);
      return { arm: arm.name, parameters: parametersOf(arm.document), trainAccuracy: event.trainAccuracy, testAccuracy: test.accuracy, seconds: event.seconds };
    }
  }
  throw new Error('the run ended without a result');
}

/** Every arm, one after the other, on the same data set. */
export async function trainExperiment(experiment: Experiment, dataset: Dataset, onProgress?: ArmProgress): Promise<ArmResult[]> {
  const results: ArmResult[] = [];
  for (const arm of experiment.arms) results.push(await trainArm(arm, experiment.settings, dataset, onProgress));
  return results;
}
