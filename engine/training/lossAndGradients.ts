/**
 * One forward and backward pass through the loss: mean cross-entropy of the
 * softmax output against integer labels. Sets every parameter's gradient and
 * returns the loss, the gradient at the input and every node's output.
 */
import type { Tensor } from '../backend/backend';
import type { Network } from '../network/network';
import type { Random } from '../network/random';

export interface LossPass {
  loss: number;
  /** Every node's output; release with `network.release(outputs)`. */
  outputs: Map<string, Tensor>;
  /** dLoss/dInput when asked for, owned by the caller. */
  inputGrad: Tensor | undefined;
}

export interface LossOptions {
  /** Dropout on (default true). */
  training?: boolean;
  /** Also compute dLoss/dInput (default false: training never needs it, and it is a whole transposed convolution). */
  inputGradient?: boolean;
}

export function lossAndGradients(network: Network, x: Tensor, labels: Int32Array, random: Random, options: LossOptions = {}): LossPass {
  const { training = true, inputGradient = false } = options;
  const backend = network.backend;
  const softmaxInput = network.inputsOf.get(network.outputId)?.[0];
  if (network.layers.get(network.outputId) === undefined || softmaxInput === undefined) {
    throw new Error('the network must end in a softmax node to compute a loss');
  }
  const outputs = network.forward(x, training, random);
  const probs = outputs.get(network.outputId) as Tensor;
  const loss = backend.crossEntropy(probs, labels);
  const dLogits = backend.softmaxCrossEntropyBackward(probs, labels);
  const inputGrad = network.backward(new Map([[softmaxInput, dLogits]]), inputGradient);
  backend.dispose(dLogits);
  return { loss, outputs, inputGrad };
}
