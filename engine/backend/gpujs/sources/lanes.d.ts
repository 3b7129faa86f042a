/** Types of the GPU.js kernel sources in lanes.js (Array(4) returns are the packed products). */
import type { KernelThis } from '../gpuApi';
import type { BiasLanesConstants, MatmulConstants, PackedColumnsConstants, SharedConvConstants, UnpackConstants, WindowConstants } from '../kernelConstants';

type Quad = [number, number, number, number];
export declare function im2colLanes(this: KernelThis<SharedConvConstants>, x: Float32Array): number;
export declare function convPacked(this: KernelThis<SharedConvConstants>, columns: Float32Array, w: Float32Array): Quad;
export declare function filterPacked(this: KernelThis<SharedConvConstants>, columns: Float32Array, dy: Float32Array): Quad;
export declare function windowsGradientPacked(this: KernelThis<SharedConvConstants>, dy: Float32Array, w: Float32Array): Quad;
export declare function col2imPacked(this: KernelThis<PackedColumnsConstants>, packed: Float32Array): number;
export declare function matmulPacked(this: KernelThis<MatmulConstants>, a: Float32Array, b: Float32Array): Quad;
export declare function unpackBlocks(this: KernelThis<UnpackConstants>, packed: Float32Array): number;
export declare function maxPoolArgmaxLanes(this: KernelThis<WindowConstants>, x: Float32Array): number;
export declare function maxPoolBackwardLanes(this: KernelThis<WindowConstants>, dy: Float32Array, argmax: Float32Array): number;
export declare function addBiasLanes(this: KernelThis<BiasLanesConstants>, y: Float32Array, b: Float32Array): number;
export declare function maxPoolBackwardDisjoint(this: KernelThis<WindowConstants>, dy: Float32Array, argmax: Float32Array): number;
