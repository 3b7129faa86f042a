/**
 * Runs lesson 5's experiment in the page: each arm (the small network with
 * and without pooling) in a training worker of its own, one after the other,
 * with the same protocol the Train view uses, so the page stays responsive
 * and the numbers come from the engine's TrainingRun. Resolves to both arms'
 * results, or rejects with the worker's message.
 */
import type { WorkerCommand, WorkerEvent } from '../../engine/training/protocol';
import { EXPERIMENT_SETTINGS, experimentNetwork, parametersOf, type ArmResult } from '../../engine/lessons/poolingExperiment';

export type ExperimentProgress = (arm: ArmResult['arm'], step: number, total: number) => void;

function runArm(pooling: boolean, onProgress: ExperimentProgress, signal: AbortSignal): Promise<ArmResult> {
  const arm: ArmResult['arm'] = pooling ? 'with pooling' : 'without pooling';
  const document = experimentNetwork(pooling);
  const worker = new Worker(new URL('worker/trainingWorker.js', window.location.href), { type: 'module' });
  return new Promise<ArmResult>((resolve, reject) => {
    let total = 0;
    let done: Extract<WorkerEvent, { type: 'done' }>['event'] | undefined;
    if (signal.aborted) return reject(new Error('stopped'));
    signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => {
      const event = message.data;
      if (event.type === 'started') total = event.totalSteps;
      else if (event.type === 'progress') onProgress(arm, event.event.step, total);
      else if (event.type === 'done') done = event.event;
      else if (event.type === 'evaluation' && done) resolve({ arm, parameters: parametersOf(document), trainAccuracy: done.trainAccuracy, testAccuracy: event.accuracy, seconds: done.seconds });
      else if (event.type === 'error') reject(new Error(event.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`the training worker crashed: ${e.message || 'unknown error'}`));
    };
    worker.postMessage({ type: 'start', document, settings: EXPERIMENT_SETTINGS } satisfies WorkerCommand);
  }).finally(() => worker.terminate());
}

export async function runPoolingExperiment(onProgress: ExperimentProgress, signal: AbortSignal): Promise<ArmResult[]> {
  const results: ArmResult[] = [];
  for (const pooling of [true, false]) results.push(await runArm(pooling, onProgress, signal));
  return results;
}
