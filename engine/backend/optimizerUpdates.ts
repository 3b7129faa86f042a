/**
 * SGD and Adam as a sequence of element kernels (optimizerKernels.js), once
 * for every backend: a backend supplies how to run an element kernel and how
 * to move a result into a tensor in place.
 */
import type { AdamSettings, SgdSettings, Tensor } from './backend';
import { adamFirstMoment, adamParameter, adamSecondMoment, sgdParameter, sgdVelocity } from './optimizerKernels.js';
import type { KernelThis } from './gpujs/gpuApi';
import type { NoConstants } from './gpujs/kernelConstants';

export type ElementSource = (this: KernelThis<NoConstants>, ...args: never[]) => number;

export interface ElementKernels {
  /** A new tensor of `like`'s shape: `source` at each element over these inputs (`name` keys a compiled kernel; bundlers rename functions). */
  map(name: string, source: ElementSource, like: Tensor, ...inputs: (Tensor | number)[]): Tensor;
  /** Moves `next`'s values into `target` (which keeps its identity) and frees `next`. */
  replace(target: Tensor, next: Tensor): void;
}

export function sgdUpdate(kernels: ElementKernels, param: Tensor, grad: Tensor, velocity: Tensor, s: SgdSettings): void {
  kernels.replace(velocity, kernels.map('sgdVelocity', sgdVelocity, param, param, grad, velocity, s.momentum, s.weightDecay));
  kernels.replace(param, kernels.map('sgdParameter', sgdParameter, param, param, grad, velocity, s.learningRate, s.momentum, s.weightDecay, s.nesterov ? 1 : 0));
}

export function adamUpdate(kernels: ElementKernels, param: Tensor, grad: Tensor, m: Tensor, v: Tensor, s: AdamSettings): void {
  kernels.replace(m, kernels.map('adamFirstMoment', adamFirstMoment, param, param, grad, m, s.beta1, s.weightDecay));
  kernels.replace(v, kernels.map('adamSecondMoment', adamSecondMoment, param, param, grad, v, s.beta2, s.weightDecay));
  const correction1 = 1 - s.beta1 ** s.step;
  const correction2 = 1 - s.beta2 ** s.step;
  kernels.replace(param, kernels.map('adamParameter', adamParameter, param, param, m, v, s.learningRate, correction1, correction2, s.epsilon));
}
