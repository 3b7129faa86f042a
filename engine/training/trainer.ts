/**
 * The training loop: mini-batch steps over a data set, streamed as events
 * through an async iterator, with pause, resume and stop between steps.
 * Divergence (a NaN or infinite loss) ends the run with an error that names
 * the step and the first node whose output stopped being finite.
 */
import type { Tensor } from '../backend/backend';
import { batches, stepsPerEpoch, type Dataset } from '../data/dataset';
import type { GraphDocument } from '../graph/schema';
import type { Network } from '../network/network';
import { createRandom } from '../network/random';
import { now, yieldToEventLoop } from '../platform/clock';
import { incompatibility } from './compatibility';
import { argmax, evaluate, type Evaluation } from './evaluate';
import { lossAndGradients } from './lossAndGradients';
import { Optimizer, type OptimizerSettings } from './optimizer';

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Stop after this many steps in all, even mid-epoch. */
  maxSteps?: number;
  optimizer: OptimizerSettings;
  seed: number;
  /** Least time between progress events (the last step of an epoch always reports). */
  progressIntervalMs?: number;
  /** Shift training images randomly by up to this many pixels per axis (0: off). */
  maxShift?: number;
  /** Why this backend runs the training (chosen by the user, or measured fastest); echoed by `done`. */
  backendReason?: string;
}

export type TrainEvent =
  | { event: 'progress'; step: number; totalSteps: number; epoch: number; /** mean over the epoch so far */ loss: number; /** this step's own loss */ batchLoss: number; accuracy: number; samplesPerSec: number; secondsLeft: number }
  | { event: 'epoch'; epoch: number; step: number; trainLoss: number; trainAccuracy: number; testLoss: number; testAccuracy: number; seconds: number }
  | { event: 'done'; steps: number; epochs: number; trainAccuracy: number; testAccuracy: number; samplesPerSec: number; seconds: number; backend: string; backendReason: string; stopped: boolean }
  | { event: 'error'; step: number; nodeId?: string; message: string };

export class TrainingRun {
  private paused: { promise: Promise<void>; resume: () => void } | undefined;
  private stopRequested = false;
  /** The test-set evaluation of the last finished epoch (accuracy, per class, confusion matrix). */
  lastTestEvaluation: Evaluation | undefined;

  /** Throws with a message to show when the network does not fit the data set. */
  constructor(
    readonly network: Network,
    readonly dataset: Dataset,
    readonly options: TrainOptions,
  ) {
    const problem = incompatibility(network, dataset);
    if (problem) throw new Error(problem);
  }

  pause(): void {
    if (this.paused) return;
    let resume = () => {};
    const promise = new Promise<void>((resolve) => (resume = resolve));
    this.paused = { promise, resume };
  }

  resume(): void {
    const paused = this.paused;
    this.paused = undefined;
    paused?.resume();
  }

  /** Ends the run after the current step; a `done` event with `stopped: true` follows. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** The document with the trained weights written into it. */
  trainedDocument(doc: GraphDocument): GraphDocument {
    return this.network.writeWeights(doc);
  }

  async *events(): AsyncGenerator<TrainEvent> {
    const { network, dataset, options } = this;
    const backend = network.backend;
    const random = createRandom(options.seed);
    const optimizer = new Optimizer(backend, network.parameters, options.optimizer);
    const perEpoch = stepsPerEpoch(dataset.train, options.batchSize);
    const totalSteps = Math.min(options.maxSteps ?? Infinity, perEpoch * options.epochs);
    const interval = options.progressIntervalMs ?? 250;
    const classes = dataset.classNames.length;
    const started = now();
    let step = 0;
    let samples = 0;
    /** Time spent in training steps only: samples per second leaves out the test passes. */
    let trainingMs = 0;
    let lastReport = -Infinity;
    let lastYield = now();
    let trainAccuracy = 0;
    let testAccuracy = 0;
    let epochsRun = 0;

    try {
      for (let epoch = 1; epoch <= options.epochs && step < totalSteps && !this.stopRequested; epoch++) {
        const epochStart = now();
        this.lastTestEvaluation = undefined; // the weights are about to change
        let lossSum = 0;
        let correct = 0;
        let seen = 0;
        for (const batch of batches(dataset, dataset.train, options.batchSize, random.fork(), options.maxShift ?? 0)) {
          if (this.paused) await this.paused.promise;
          if (this.stopRequested || step >= totalSteps) break;
          step++;
          const stepStart = now();
          const x = backend.tensor([batch.count, ...dataset.inputShape], batch.x);
          const pass = lossAndGradients(network, x, batch.labels, random);
          if (!Number.isFinite(pass.loss)) {
            yield divergence(network, pass.outputs, step, pass.loss);
            return;
          }
          optimizer.step();
          const probs = backend.read(pass.outputs.get(network.outputId) as Tensor);
          for (let n = 0; n < batch.count; n++) if (argmax(probs, n * classes, classes) === batch.labels[n]) correct++;
          lossSum += pass.loss * batch.count;
          seen += batch.count;
          samples += batch.count;
          network.release(pass.outputs);
          if (pass.inputGrad) backend.dispose(pass.inputGrad);
          backend.dispose(x);
          trainingMs += now() - stepStart;

          const endOfEpoch = seen === dataset.train.count || step === totalSteps;
          if (endOfEpoch || now() - lastReport >= interval) {
            lastReport = now();
            const samplesPerSec = samples / Math.max(trainingMs / 1000, 1e-9);
            yield {
              event: 'progress', step, totalSteps, epoch, loss: lossSum / seen, batchLoss: pass.loss, accuracy: correct / seen, samplesPerSec,
              secondsLeft: ((totalSteps - step) * options.batchSize) / samplesPerSec,
            };
          }
          // Let the host handle messages (pause, stop) now and then without slowing every step.
          if (now() - lastYield > 50) {
            await yieldToEventLoop();
            lastYield = now();
          }
        }
        epochsRun = epoch;
        trainAccuracy = seen === 0 ? 0 : correct / seen;
        if (this.stopRequested) break; // stop promptly: no test pass
        const test = evaluate(network, dataset, dataset.test);
        this.lastTestEvaluation = test;
        testAccuracy = test.accuracy;
        yield {
          event: 'epoch', epoch, step, trainLoss: seen === 0 ? 0 : lossSum / seen, trainAccuracy,
          testLoss: test.loss, testAccuracy, seconds: (now() - epochStart) / 1000,
        };
      }
      const seconds = (now() - started) / 1000;
      yield {
        event: 'done', steps: step, epochs: epochsRun, trainAccuracy, testAccuracy,
        samplesPerSec: samples / Math.max(trainingMs / 1000, 1e-9), seconds, backend: backend.name, backendReason: options.backendReason ?? 'asked for', stopped: this.stopRequested,
      };
    } catch (e) {
      yield { event: 'error', step, message: (e as Error).message };
    } finally {
      optimizer.dispose();
    }
  }
}

/** Names the first node, in graph order, whose output holds a NaN or an infinity. */
function divergence(network: Network, outputs: Map<string, Tensor>, step: number, loss: number): TrainEvent {
  const backend = network.backend;
  const nodeId = network.order.find((id) => {
    const t = outputs.get(id);
    return t !== undefined && !backend.allFinite(t);
  });
  network.release(outputs);
  const where = nodeId === undefined ? 'in the loss' : `first in the output of node "${nodeId}"`;
  return {
    event: 'error',
    step,
    ...(nodeId === undefined ? {} : { nodeId }),
    message: `training diverged at step ${step}: the loss became ${loss}; non-finite values appeared ${where}. Try a lower learning rate.`,
  };
}
