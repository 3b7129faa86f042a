/**
 * Runs a lesson's experiment in the page: each arm in a training worker of
 * its own, one after the other, with the same protocol the Train view uses,
 * so the page stays responsive and the numbers come from the engine's
 * TrainingRun. Resolves to every arm's result, or rejects with the worker's
 * message ("stopped" when aborted).
 */
import type { WorkerCommand, WorkerEvent } from '../../engine/training/protocol';
import type { TrainSettings } from '../../engine/training/protocol';
import { parametersOf, type ArmResult, type Experiment, type ExperimentArm } from '../../engine/lessons/experiment';

export type ExperimentProgress = (armIndex: number, step: number, total: number) => void;

function runArm(arm: ExperimentArm, settings: TrainSettings, onProgress: (step: number, total: number) => void, signal: AbortSignal): Promise<ArmResult> {
  const worker = new Worker(new URL('worker/trainingWorker.js', window.location.href), { type: 'module' });
  return new Promise<ArmResult>((resolve, reject) => {
    let total = 0;
    let done: Extract<WorkerEvent, { type: 'done' }>['event'] | undefined;
    if (signal.aborted) return reject(new Error('stopped'));
    signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => {
      const event = message.data;
      if (event.type === 'started') total = event.totalSteps;
      else if (event.type === 'progress') onProgress(event.event.step, total);
      else if (event.type === 'done') done = event.event;
      else if (event.type === 'evaluation' && done) resolve({ arm: arm.name, parameters: parametersOf(arm.document), trainAccuracy: done.trainAccuracy, testAccuracy: event.accuracy, seconds: done.seconds });
      else if (event.type === 'error') reject(new Error(event.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`the training worker crashed: ${e.message || 'unknown error'}`));
    };
    worker.postMessage({ type: 'start', document: arm.document, settings } satisfies WorkerCommand);
  }).finally(() => worker.terminate());
}

export async function runExperiment(experiment: Experiment, onProgress: ExperimentProgress, signal: AbortSignal): Promise<ArmResult[]> {
  const results: ArmResult[] = [];
  for (const [i, arm] of experiment.arms.entries()) results.push(await runArm(arm, experiment.settings, (step, total) => onProgress(i, step, total), signal));
  return results;
}
