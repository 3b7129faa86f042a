/** Types of the GPU.js kernel sources in simdKernels.js (Array(4) returns are the packed products). */
import type { KernelThis } from './gpuApi';

type Quad = [number, number, number, number];
export declare function im2colLanes(this: KernelThis, x: Float32Array): number;
export declare function convPacked(this: KernelThis, columns: Float32Array, w: Float32Array): Quad;
export declare function filterPacked(this: KernelThis, columns: Float32Array, dy: Float32Array): Quad;
export declare function windowsGradientPacked(this: KernelThis, dy: Float32Array, w: Float32Array): Quad;
export declare function col2imPacked(this: KernelThis, packed: Float32Array): number;
export declare function matmulPacked(this: KernelThis, a: Float32Array, b: Float32Array): Quad;
export declare function unpackBlocks(this: KernelThis, packed: Float32Array): number;
export declare function maxPoolArgmaxLanes(this: KernelThis, x: Float32Array): number;
export declare function maxPoolBackwardLanes(this: KernelThis, dy: Float32Array, argmax: Float32Array): number;
export declare function addBiasLanes(this: KernelThis, y: Float32Array, b: Float32Array): number;
export declare function maxPoolBackwardDisjoint(this: KernelThis, dy: Float32Array, argmax: Float32Array): number;
