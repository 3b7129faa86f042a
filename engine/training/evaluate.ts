/** Accuracy, per-class accuracy and the confusion matrix of a network on a split. */
import { batches, type Dataset, type DataSplit } from '../data/dataset';
import type { Network } from '../network/network';
import { createRandom } from '../network/random';
import { incompatibility } from './compatibility';

export interface Evaluation {
  count: number;
  accuracy: number;
  loss: number;
  /** Per class: correct / samples of that class (NaN-free: 0 when a class has no samples). */
  perClassAccuracy: number[];
  /** confusion[actual][predicted] counts. */
  confusion: number[][];
  /** The predicted class of every sample, in the split's order (to find the images behind a confusion cell). */
  predictions: Uint16Array;
}

/**
 * The training batch's usual size: a gpujs backend then runs the kernels it
 * compiled for training instead of compiling (and holding memory for) more,
 * and the CPU reference's unrolled windows per batch stay small (at 256,
 * garbage between collections took one MNIST epoch's peak from 190 to 320 MB).
 */
export const EVALUATION_BATCH = 32;

export function evaluate(network: Network, dataset: Dataset, split: DataSplit): Evaluation {
  const problem = incompatibility(network, dataset);
  if (problem) throw new Error(problem);
  const backend = network.backend;
  const classes = dataset.classNames.length;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const predictions = new Uint16Array(split.count);
  let seen = 0;
  let lossSum = 0;
  const random = createRandom(0); // unused at evaluation: dropout is off
  for (const batch of batches(dataset, split, EVALUATION_BATCH)) {
    const x = backend.tensor([batch.count, ...dataset.inputShape], batch.x);
    const outputs = network.forward(x, false, random);
    const probs = outputs.get(network.outputId);
    if (!probs) throw new Error('the network produced no output');
    lossSum += backend.crossEntropy(probs, batch.labels) * batch.count;
    const p = backend.read(probs);
    for (let n = 0; n < batch.count; n++) {
      const predicted = argmax(p, n * classes, classes);
      predictions[seen++] = predicted;
      const row = confusion[batch.labels[n] as number];
      if (row) row[predicted] = (row[predicted] ?? 0) + 1;
    }
    network.release(outputs);
    backend.dispose(x);
  }
  const correct = confusion.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  return {
    count: split.count,
    accuracy: split.count === 0 ? 0 : correct / split.count,
    loss: split.count === 0 ? 0 : lossSum / split.count,
    perClassAccuracy: confusion.map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total === 0 ? 0 : (row[i] ?? 0) / total;
    }),
    confusion,
    predictions,
  };
}

/** Up to `limit` indices of the split's samples of class `actual` that were predicted as `predicted`. */
export function samplesInCell(labels: ArrayLike<number>, predictions: ArrayLike<number>, actual: number, predicted: number, limit: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < predictions.length && found.length < limit; i++) if (labels[i] === actual && predictions[i] === predicted) found.push(i);
  return found;
}

export function argmax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  for (let k = 1; k < count; k++) if ((values[offset + k] as number) > (values[offset + best] as number)) best = k;
  return best;
}
