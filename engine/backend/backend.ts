/**
 * The primitives layers are built from. Layers call these and never look
 * inside a tensor, so a second backend (GPU.js) slots in beside the CPU
 * reference. Shapes include the batch axis: activations are NCHW or [N, F].
 *
 * Ownership: every primitive returns a new tensor the caller owns and must
 * `dispose`; inputs are never modified, except by the optimizer updates,
 * which change parameters and their state in place.
 */
import type { ConvInfo, PoolInfo } from './convInfo';

export interface Tensor {
  readonly shape: readonly number[];
  readonly size: number;
}

/** What every backend throws when a tensor is used, or disposed again, after its dispose. */
export function disposedTensorError(t: Tensor): Error {
  return new Error(`a disposed tensor [${t.shape.join(', ')}] was used; whoever disposed it still needed it, or disposed it twice`);
}

export type ActivationKind = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh';

export interface SgdSettings {
  learningRate: number;
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  /** 1-based step count, for bias correction. */
  step: number;
}

export interface Backend {
  readonly name: string;

  tensor(shape: readonly number[], values?: ArrayLike<number>): Tensor;
  /** Copies the values out (a download, on a GPU backend). */
  read(t: Tensor): Float32Array | Float64Array;
  dispose(t: Tensor): void;
  /** Frees everything the backend holds (compiled kernels, device memory); absent where there is nothing to free. */
  destroy?(): void;
  /**
   * The same values seen with another shape of equal size. Shares storage:
   * each view is disposed on its own, and the storage lives until the last is.
   */
  reshape(t: Tensor, shape: readonly number[]): Tensor;

  /**
   * Convolution with kernel sets: the kernel set used at output (oy, ox) is
   * (oy mod tilesH, ox mod tilesW). tiles 1×1 is ordinary convolution
   * (parameter sharing), tiles = output size is a locally-connected layer.
   * w: [tilesH·tilesW·outC, inC, kH, kW] in memory order [tilesH, tilesW, outC, inC, kH, kW].
   */
  conv2d(x: Tensor, w: Tensor, info: ConvInfo): Tensor;
  /** dL/dx: the transposed convolution of dy with the same kernels. */
  conv2dBackwardInput(dy: Tensor, w: Tensor, info: ConvInfo): Tensor;
  /** dL/dw, summed over the batch and over the positions that share each kernel. */
  conv2dBackwardFilter(x: Tensor, dy: Tensor, info: ConvInfo): Tensor;

  /** y + b, where b has one value per channel ([C]) or one per value of a sample ([C, H, W] or [F]). */
  addBias(y: Tensor, b: Tensor): Tensor;
  /** dL/db for addBias: dy summed over the batch (and over positions for a per-channel bias). */
  biasGradient(dy: Tensor, biasShape: readonly number[]): Tensor;

  maxPool(x: Tensor, info: PoolInfo): { y: Tensor; argmax: Tensor };
  maxPoolBackward(dy: Tensor, argmax: Tensor, info: PoolInfo): Tensor;
  /** Averages over the real (unpadded) inputs in each window. */
  avgPool(x: Tensor, info: PoolInfo): Tensor;
  avgPoolBackward(dy: Tensor, info: PoolInfo): Tensor;

  /** a·b with optional transposes; a and b are 2-D. */
  matmul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;

  activation(kind: ActivationKind, x: Tensor, alpha: number): Tensor;
  /** dL/dx given x, y = f(x) and dL/dy. */
  activationBackward(kind: ActivationKind, x: Tensor, y: Tensor, dy: Tensor, alpha: number): Tensor;

  add(a: Tensor, b: Tensor): Tensor;
  multiply(a: Tensor, b: Tensor): Tensor;
  /** Joins [N, Ci, H, W] tensors (or [N, Fi]) along axis 1. */
  concat(xs: readonly Tensor[]): Tensor;
  /** Inverse of concat: splits axis 1 into the given sizes. */
  split(x: Tensor, sizes: readonly number[]): Tensor[];

  /** Row-wise softmax of [N, K]. */
  softmax(logits: Tensor): Tensor;
  /** Mean cross-entropy of probabilities [N, K] against integer labels. */
  crossEntropy(probs: Tensor, labels: Int32Array): number;
  /** dL/dlogits of mean cross-entropy after softmax: (p - onehot) / N. */
  softmaxCrossEntropyBackward(probs: Tensor, labels: Int32Array): Tensor;

  sum(t: Tensor): number;
  /** True when every value is a finite number. */
  allFinite(t: Tensor): boolean;

  /** In place: param, velocity. */
  sgdUpdate(param: Tensor, grad: Tensor, velocity: Tensor, settings: SgdSettings): void;
  /** In place: param, m, v. */
  adamUpdate(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, settings: AdamSettings): void;
}
