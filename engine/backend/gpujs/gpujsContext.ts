/** What the gpujs backend's kernels (kernels/) share: storage, the kernel cache, the kept convolution windows, and the mode's choices. */
import type { ConvInfo } from '../convInfo';
import type { KernelCache } from './kernelCache';
import { MAX_ELEMENTS } from './kernelCache';
import type { GpujsStorage, GpuTensor } from './gpujsStorage';
import * as lanes from './sources/lanes.js';
import type { UnrolledWindows } from './unrolledWindows';

export interface GpujsContext {
  storage: GpujsStorage;
  kernels: KernelCache;
  windows: UnrolledWindows;
  /** The SIMD kernels' lane-friendly 3-D outputs and packed products pay off on webasm only (WebGL and cpu run cells one by one). */
  lanes: boolean;
  /**
   * Whether a kernel with lanes along rows of `width` pays: gpu.js runs a row
   * whose width is not a multiple of 4 as a SIMD part and a scalar rest, two
   * calls into WebAssembly per row, which costs more than the lanes save.
   */
  alongRows(width: number): boolean;
  /** A packed product (4 channels per cell) in plain layout [outer, channels, cells]; frees the packed one. */
  unpack(packed: GpuTensor, shape: readonly number[], cells: number, channels: number, outer: number): GpuTensor;
}

/**
 * Ordinary convolution (one kernel set) runs as products with unrolled input
 * windows, unless the windows would be too many to hold; then the direct kernels.
 */
export const isShared = (info: ConvInfo): boolean =>
  info.tilesH === 1 && info.tilesW === 1 && info.batch * info.outH * info.outW * info.inC * info.kH * info.kW <= MAX_ELEMENTS;

export function createGpujsContext(storage: GpujsStorage, kernels: KernelCache, windows: UnrolledWindows, withLanes: boolean): GpujsContext {
  return {
    storage,
    kernels,
    windows,
    lanes: withLanes,
    alongRows: (width) => withLanes && width % 4 === 0,
    unpack(packed, shape, cells, channels, outer) {
      const plain = kernels.mapShaped('unpackBlocks', lanes.unpackBlocks, shape, { output: [cells, channels, outer] }, { cells, channels, blocks: Math.ceil(channels / 4) }, packed);
      storage.release(packed.storage);
      return plain;
    },
  };
}
