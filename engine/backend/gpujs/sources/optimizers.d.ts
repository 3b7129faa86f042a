/** Types of the optimizer kernel sources in optimizers.js. */
import type { KernelThis } from '../gpuApi';
import type { NoConstants } from '../kernelConstants';

export declare function sgdVelocityKernel(this: KernelThis<NoConstants>, p: Float32Array, g: Float32Array, v: Float32Array, momentum: number, weightDecay: number): number;
export declare function sgdParameterKernel(this: KernelThis<NoConstants>, p: Float32Array, g: Float32Array, v: Float32Array, lr: number, momentum: number, weightDecay: number, nesterov: number): number;
export declare function adamFirstMomentKernel(this: KernelThis<NoConstants>, p: Float32Array, g: Float32Array, m: Float32Array, beta1: number, weightDecay: number): number;
export declare function adamSecondMomentKernel(this: KernelThis<NoConstants>, p: Float32Array, g: Float32Array, v: Float32Array, beta2: number, weightDecay: number): number;
export declare function adamParameterKernel(this: KernelThis<NoConstants>, p: Float32Array, m: Float32Array, v: Float32Array, lr: number, correction1: number, correction2: number, epsilon: number): number;
