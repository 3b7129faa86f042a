/** Types of the optimizer kernel sources in optimizerKernels.js. */
import type { KernelThis } from './gpujs/gpuApi';
import type { NoConstants } from './gpujs/kernelConstants';

type Values = Float32Array | Float64Array;
export declare function sgdVelocity(this: KernelThis<NoConstants>, p: Values, g: Values, v: Values, momentum: number, weightDecay: number): number;
export declare function sgdParameter(this: KernelThis<NoConstants>, p: Values, g: Values, v: Values, lr: number, momentum: number, weightDecay: number, nesterov: number): number;
export declare function adamFirstMoment(this: KernelThis<NoConstants>, p: Values, g: Values, m: Values, beta1: number, weightDecay: number): number;
export declare function adamSecondMoment(this: KernelThis<NoConstants>, p: Values, g: Values, v: Values, beta2: number, weightDecay: number): number;
export declare function adamParameter(this: KernelThis<NoConstants>, p: Values, m: Values, v: Values, lr: number, correction1: number, correction2: number, epsilon: number): number;
