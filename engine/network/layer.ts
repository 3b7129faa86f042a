/**
 * A layer is one node of the graph turned into computation. It remembers what
 * its backward pass needs from the last forward pass (what it made itself is
 * owned by the pass, through `keep`), and holds its parameters with their
 * gradients. Layers only call the Backend; they never see tensor data.
 */
import type { Backend, Tensor } from '../backend/backend';
import type { Random } from './random';

export interface Parameter {
  /** `weight` or `bias`, as stored in the document's `weights`. */
  name: string;
  value: Tensor;
  /** Set by backward; undefined before the first backward pass. */
  grad?: Tensor;
  trainable: boolean;
}

export interface ForwardContext {
  backend: Backend;
  training: boolean;
  /** Draws for dropout masks. */
  random: Random;
  /**
   * Hands a tensor the layer made and needs for its backward pass (a mask,
   * the max's positions, a reshaped view) to the pass: the network frees it
   * with the pass's outputs (`Network.release`), so nothing outlives the pass.
   */
  keep<T extends Tensor>(t: T): T;
}

export interface Layer {
  readonly id: string;
  readonly params: Parameter[];
  /** inputs have a batch axis; returns a new tensor the network owns. */
  forward(inputs: readonly Tensor[], ctx: ForwardContext): Tensor;
  /**
   * Gradients with respect to each input, in input order; also sets each
   * parameter's grad. With `inputGradients` false the layer may skip them
   * (and return none): the network's input needs no gradient to train.
   */
  backward(dy: Tensor, backend: Backend, inputGradients: boolean): Tensor[];
}

/** Replaces a parameter's gradient, freeing the old one. */
export function setGrad(param: Parameter, grad: Tensor, backend: Backend): void {
  if (param.grad) backend.dispose(param.grad);
  param.grad = grad;
}
